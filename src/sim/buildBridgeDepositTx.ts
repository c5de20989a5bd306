import { encodeAbiParameters, toEventSelector } from 'viem'
import { word } from './buildSwapTx.js'
import type { SimEthTx } from './SimTypes.js'

const DEPOSIT = toEventSelector(
  'event Deposit(address indexed to, address indexed asset, uint256 amount, string memo)',
)
const ZERO = '0x0000000000000000000000000000000000000000'

/**
 * A THORChain-router `deposit` of native ETH: the depositor sends ETH to the router, which
 * forwards it to the vault and logs `Deposit(vault, 0x0, amount, memo)`.
 */
export function buildBridgeDepositTx(p: {
  readonly time: number
  readonly hash: string
  readonly depositor: string
  readonly router: string
  readonly vault: string
  readonly amount: bigint
  readonly memo: string
}): SimEthTx {
  return {
    time: p.time,
    hash: p.hash,
    from: p.depositor,
    to: p.router,
    value: p.amount,
    call: {
      kind: 'bridge-deposit',
      router: p.router,
      vault: p.vault,
      amount: p.amount,
      memo: p.memo,
    },
    logs: [
      {
        kind: 'event',
        address: p.router,
        topics: [DEPOSIT, word(p.vault), word(ZERO)],
        data: encodeAbiParameters([{ type: 'uint256' }, { type: 'string' }], [p.amount, p.memo]),
      },
    ],
    internal: [{ from: p.router, to: p.vault, value: p.amount }],
    technique: 'bridge-deposit',
  }
}
