import { encodeAbiParameters, toEventSelector } from 'viem'
import type { SimEthTx, Technique } from './SimTypes.js'

const SWAP_V2 = toEventSelector(
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
)
/** WETH9's `Withdrawal(src, wad)`: the importer reads it as a burn transfer and a `weth` swap. */
export const UNWRAP_TOPIC = toEventSelector('event Withdrawal(address indexed src, uint256 wad)')

export type SwapTxParameters = {
  readonly time: number
  readonly hash: string
  readonly trader: string
  readonly router: string
  readonly pool: string
  readonly token: string
  readonly weth: string
  readonly amountIn: bigint
  readonly amountOut: bigint
  readonly technique?: Technique
}

/**
 * A Uniswap-V2-router `swapExactTokensForETH`: the trader pays `token` into the pool, the pool
 * pays WETH to the router (Swap log), the router unwraps it (Withdrawal log, WETH → router call)
 * and sends the ETH on to the trader.
 */
export function buildSwapTx(p: SwapTxParameters): SimEthTx {
  const tokenIsToken0 = p.token < p.weth
  const amounts = tokenIsToken0
    ? [p.amountIn, 0n, 0n, p.amountOut]
    : [0n, p.amountIn, p.amountOut, 0n]
  return {
    time: p.time,
    hash: p.hash,
    from: p.trader,
    to: p.router,
    value: 0n,
    call: {
      kind: 'swap-tokens-for-eth',
      router: p.router,
      pool: p.pool,
      token: p.token,
      weth: p.weth,
      amountIn: p.amountIn,
      amountOut: p.amountOut,
    },
    logs: [
      { kind: 'transfer', token: p.token, from: p.trader, to: p.pool, value: p.amountIn },
      { kind: 'transfer', token: p.weth, from: p.pool, to: p.router, value: p.amountOut },
      {
        kind: 'event',
        address: p.pool,
        topics: [SWAP_V2, word(p.router), word(p.router)],
        data: encodeAbiParameters(
          [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }],
          amounts as [bigint, bigint, bigint, bigint],
        ),
      },
      {
        kind: 'event',
        address: p.weth,
        topics: [UNWRAP_TOPIC, word(p.router)],
        data: encodeAbiParameters([{ type: 'uint256' }], [p.amountOut]),
      },
    ],
    internal: [
      { from: p.weth, to: p.router, value: p.amountOut },
      { from: p.router, to: p.trader, value: p.amountOut },
    ],
    ...(p.technique === undefined ? {} : { technique: p.technique }),
  }
}

/** An address as a 32-byte topic. */
export function word(address: string): string {
  return `0x${address.slice(2).padStart(64, '0')}`
}
