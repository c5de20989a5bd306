import { encodeAbiParameters, toEventSelector } from 'viem'
import { word } from './buildSwapTx.js'
import type { SimEthTx, Technique } from './SimTypes.js'

const DEPOSIT = toEventSelector(
  'event Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp)',
)
const WITHDRAWAL = toEventSelector(
  'event Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee)',
)

const tagged = (technique: Technique | undefined) => (technique === undefined ? {} : { technique })

/**
 * A Tornado-style fixed-denomination `deposit(commitment)`: the depositor pays the denomination
 * into the pool, which logs `Deposit(commitment, leafIndex, timestamp)`. `blockTime` is the
 * timestamp of the block the transaction lands in (the contract reads `block.timestamp`).
 */
export function buildMixerDepositTx(p: {
  readonly time: number
  readonly hash: string
  readonly depositor: string
  readonly mixer: string
  readonly denomination: bigint
  readonly commitment: string
  readonly leafIndex: number
  readonly blockTime: number
  readonly technique?: Technique
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.depositor,
    to: p.mixer,
    value: p.denomination,
    call: { kind: 'mixer-deposit', mixer: p.mixer, commitment: p.commitment },
    logs: [
      {
        kind: 'event',
        address: p.mixer,
        topics: [DEPOSIT, p.commitment],
        data: encodeAbiParameters(
          [{ type: 'uint32' }, { type: 'uint256' }],
          [p.leafIndex, BigInt(p.blockTime)],
        ),
      },
    ],
    internal: [],
    ...tagged(p.technique),
  }
}

/**
 * A Tornado-style `withdraw(recipient, nullifierHash, relayer, fee)` sent by the relayer: the pool
 * pays the recipient the denomination less the fee, and the relayer its fee (when there is one).
 * Nothing on chain says which deposit it spends: the zero-knowledge proof hides that.
 */
export function buildMixerWithdrawTx(p: {
  readonly time: number
  readonly hash: string
  readonly relayer: string
  readonly mixer: string
  readonly recipient: string
  readonly nullifierHash: string
  readonly fee: bigint
  readonly denomination: bigint
  readonly technique?: Technique
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.relayer,
    to: p.mixer,
    value: 0n,
    call: {
      kind: 'mixer-withdraw',
      mixer: p.mixer,
      recipient: p.recipient,
      nullifierHash: p.nullifierHash,
      relayer: p.relayer,
      fee: p.fee,
      denomination: p.denomination,
    },
    logs: [
      {
        kind: 'event',
        address: p.mixer,
        topics: [WITHDRAWAL, word(p.relayer)],
        data: encodeAbiParameters(
          [{ type: 'address' }, { type: 'bytes32' }, { type: 'uint256' }],
          [p.recipient as `0x${string}`, p.nullifierHash as `0x${string}`, p.fee],
        ),
      },
    ],
    internal: [
      { from: p.mixer, to: p.recipient, value: p.denomination - p.fee },
      ...(p.fee > 0n ? [{ from: p.mixer, to: p.relayer, value: p.fee }] : []),
    ],
    ...tagged(p.technique),
  }
}
