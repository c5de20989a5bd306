import { encodeAbiParameters, encodeFunctionData, type Hex, keccak256, parseAbi } from 'viem'
import { ChainwatchError } from '../../errors/index.js'
import type { SimEthTx } from '../SimTypes.js'
import { simContractArtifacts } from './contractArtifacts.js'

export type SimContractName = keyof typeof simContractArtifacts

/**
 * State a transaction needs before it runs, set invisibly (anvil_setCode / setBalance /
 * setStorageAt: no logs, no value transfers), as file mode's pre-window history would have it.
 */
export type LivePreparation =
  | { readonly kind: 'code'; readonly address: string; readonly contract: SimContractName }
  /** The account holds plenty of ETH (for value and gas, or a contract's payouts). */
  | { readonly kind: 'ether'; readonly address: string }
  /** The holder holds plenty of a SimToken / SimWeth. */
  | { readonly kind: 'balance'; readonly token: string; readonly holder: string }
  /** `owner` has approved `spender` for plenty of the token. */
  | {
      readonly kind: 'allowance'
      readonly token: string
      readonly owner: string
      readonly spender: string
    }
  /** A storage word that must hold `value` when the transaction runs. */
  | { readonly kind: 'storage'; readonly address: string; readonly slot: Hex; readonly value: Hex }

/** A simulated transaction as the live node is to be sent it. */
export type LiveTx = {
  readonly to: string
  readonly data: Hex
  readonly value: bigint
  readonly gas: bigint
  readonly preparations: readonly LivePreparation[]
}

/** "Plenty": far above any amount a scenario moves, far below overflow when amounts are added. */
export const PLENTY = 2n ** 200n

const abi = {
  token: parseAbi(simContractArtifacts.SimToken.abi),
  router: parseAbi(simContractArtifacts.SimRouter.abi),
  bridge: parseAbi(simContractArtifacts.SimBridgeRouter.abi),
  mixer: parseAbi(simContractArtifacts.SimMixer.abi),
  drainer: parseAbi(simContractArtifacts.SimDrainer.abi),
}
const ZERO = '0x0000000000000000000000000000000000000000'
const NATIVE_GAS = 21_000n
/** Contract calls' gas limits: generous for the sim contracts (unused gas is not charged). */
const CALL_GAS = 200_000n
const SWAP_GAS = 400_000n

const address = (a: string) => a as `0x${string}`
const bytes32 = (h: string) => h as Hex
const code = (a: string, contract: SimContractName): LivePreparation => ({
  kind: 'code',
  address: a,
  contract,
})

/**
 * How `tx` is replayed on the node: the call of the sim contract that gives the same transfers
 * and events file mode writes for it (see SimCall), and what it needs set up beforehand.
 * `hasCode` says whether live mode put contract code at an address (a native payment to it
 * runs the contract's receive function, so it needs more than 21,000 gas).
 */
export function liveTxOf(tx: SimEthTx, hasCode: (address: string) => boolean): LiveTx {
  const c = tx.call
  const call = (
    to: string,
    data: Hex,
    preparations: readonly LivePreparation[],
    gas = CALL_GAS,
  ): LiveTx => {
    if (to !== tx.to) {
      throw new ChainwatchError(
        'internal',
        `Simulated tx ${tx.hash} calls ${to} but is addressed to ${tx.to}.`,
      )
    }
    return { to, data, value: tx.value, gas, preparations }
  }
  switch (c.kind) {
    case 'native':
      return {
        to: tx.to,
        data: '0x',
        value: tx.value,
        gas: hasCode(tx.to) ? CALL_GAS : NATIVE_GAS,
        preparations: [],
      }
    case 'token-transfer':
      return call(
        c.token,
        encodeFunctionData({
          abi: abi.token,
          functionName: 'transfer',
          args: [address(c.to), c.value],
        }),
        [code(c.token, 'SimToken'), { kind: 'balance', token: c.token, holder: tx.from }],
      )
    case 'token-approve':
      return call(
        c.token,
        encodeFunctionData({
          abi: abi.token,
          functionName: 'approve',
          args: [address(c.spender), c.value],
        }),
        [code(c.token, 'SimToken')],
      )
    case 'swap-tokens-for-eth':
      return call(
        c.router,
        encodeFunctionData({
          abi: abi.router,
          functionName: 'swapExactTokensForETH',
          args: [
            address(c.pool),
            address(c.token),
            address(c.weth),
            c.amountIn,
            c.amountOut,
            address(tx.from),
          ],
        }),
        [
          code(c.router, 'SimRouter'),
          code(c.pool, 'SimPair'),
          code(c.token, 'SimToken'),
          code(c.weth, 'SimWeth'),
          { kind: 'balance', token: c.token, holder: tx.from },
          { kind: 'allowance', token: c.token, owner: tx.from, spender: c.router },
          { kind: 'balance', token: c.weth, holder: c.pool },
          { kind: 'ether', address: c.weth },
        ],
        SWAP_GAS,
      )
    case 'bridge-deposit':
      return call(
        c.router,
        encodeFunctionData({
          abi: abi.bridge,
          functionName: 'deposit',
          args: [address(c.vault), ZERO, c.amount, c.memo],
        }),
        [code(c.router, 'SimBridgeRouter')],
      )
    case 'mixer-deposit':
      return call(
        c.mixer,
        encodeFunctionData({
          abi: abi.mixer,
          functionName: 'deposit',
          args: [bytes32(c.commitment)],
        }),
        [code(c.mixer, 'SimMixer')],
      )
    case 'mixer-withdraw':
      return call(
        c.mixer,
        encodeFunctionData({
          abi: abi.mixer,
          functionName: 'withdraw',
          args: [
            address(c.recipient),
            bytes32(c.nullifierHash),
            address(c.relayer),
            c.fee,
            c.denomination,
          ],
        }),
        [code(c.mixer, 'SimMixer'), { kind: 'ether', address: c.mixer }],
      )
    case 'drainer-claim':
      return call(c.drainer, encodeFunctionData({ abi: abi.drainer, functionName: 'claim' }), [
        code(c.drainer, 'SimDrainer'),
        { kind: 'storage', address: c.drainer, slot: word(0n), value: padAddress(c.beneficiary) },
      ])
    case 'drainer-sweep':
      return call(
        c.drainer,
        encodeFunctionData({
          abi: abi.drainer,
          functionName: 'sweep',
          args: [address(c.token), address(c.victim), address(c.beneficiary), c.amount],
        }),
        [
          code(c.drainer, 'SimDrainer'),
          code(c.token, 'SimToken'),
          { kind: 'balance', token: c.token, holder: c.victim },
          { kind: 'allowance', token: c.token, owner: c.victim, spender: c.drainer },
        ],
      )
  }
}

/** A 32-byte storage word. */
export function word(value: bigint): Hex {
  return `0x${value.toString(16).padStart(64, '0')}`
}

function padAddress(a: string): Hex {
  return `0x${a.slice(2).toLowerCase().padStart(64, '0')}`
}

/** SimToken's `balanceOf[holder]` slot (mapping at slot 0). */
export function balanceSlot(holder: string): Hex {
  return keccak256(
    encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [address(holder), 0n]),
  )
}

/** SimToken's `allowance[owner][spender]` slot (nested mapping at slot 1). */
export function allowanceSlot(owner: string, spender: string): Hex {
  const inner = keccak256(
    encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [address(owner), 1n]),
  )
  return keccak256(
    encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [address(spender), inner]),
  )
}
