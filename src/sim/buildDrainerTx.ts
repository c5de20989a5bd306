import { encodeAbiParameters, toEventSelector } from 'viem'
import { word } from './buildSwapTx.js'
import type { SimEthTx, Technique } from './SimTypes.js'

const APPROVAL = toEventSelector(
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
)

const tagged = (technique: Technique | undefined) => (technique === undefined ? {} : { technique })

/** ERC-20 `token.approve(spender, value)` by `owner`: one Approval log, no value moves. */
export function buildApproveTx(p: {
  readonly time: number
  readonly hash: string
  readonly owner: string
  readonly token: string
  readonly spender: string
  readonly value: bigint
  readonly technique?: Technique
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.owner,
    to: p.token,
    value: 0n,
    call: { kind: 'token-approve', token: p.token, spender: p.spender, value: p.value },
    logs: [
      {
        kind: 'event',
        address: p.token,
        topics: [APPROVAL, word(p.owner), word(p.spender)],
        data: encodeAbiParameters([{ type: 'uint256' }], [p.value]),
      },
    ],
    internal: [],
    ...tagged(p.technique),
  }
}

/** A victim calls the drainer's `claim()` with ETH, which the drainer forwards to its beneficiary. */
export function buildDrainerClaimTx(p: {
  readonly time: number
  readonly hash: string
  readonly victim: string
  readonly drainer: string
  readonly beneficiary: string
  readonly value: bigint
  readonly technique?: Technique
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.victim,
    to: p.drainer,
    value: p.value,
    call: { kind: 'drainer-claim', drainer: p.drainer, beneficiary: p.beneficiary },
    logs: [],
    internal: [{ from: p.drainer, to: p.beneficiary, value: p.value }],
    ...tagged(p.technique),
  }
}

/**
 * The drainer's operator calls `sweep(token, victim, beneficiary, amount)`: the drainer
 * `transferFrom`s the approved victim's tokens straight to the beneficiary (one Transfer log).
 */
export function buildDrainerSweepTx(p: {
  readonly time: number
  readonly hash: string
  readonly operator: string
  readonly drainer: string
  readonly token: string
  readonly victim: string
  readonly beneficiary: string
  readonly amount: bigint
  readonly technique?: Technique
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.operator,
    to: p.drainer,
    value: 0n,
    call: {
      kind: 'drainer-sweep',
      drainer: p.drainer,
      token: p.token,
      victim: p.victim,
      beneficiary: p.beneficiary,
      amount: p.amount,
    },
    logs: [
      { kind: 'transfer', token: p.token, from: p.victim, to: p.beneficiary, value: p.amount },
    ],
    internal: [],
    ...tagged(p.technique),
  }
}
