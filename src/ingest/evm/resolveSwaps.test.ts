import { expect, test } from 'vitest'
import { type LoggedSwap, type LoggedTransfer, resolveSwaps } from './resolveSwaps.js'

// token0 < token1 as addresses, as a Uniswap pool orders them.
const token0 = '0x1000000000000000000000000000000000000000'
const token1 = '0x2000000000000000000000000000000000000000'
const token2 = '0x3000000000000000000000000000000000000000'
const pool = '0xaaaa000000000000000000000000000000000000'
const pool2 = '0xbbbb000000000000000000000000000000000000'
const user = '0xcccc000000000000000000000000000000000000'
const router = '0xdddd000000000000000000000000000000000000'

const transfer = (
  logIndex: number,
  token: string,
  from: string,
  to: string,
  value: bigint,
): LoggedTransfer => ({ logIndex, token, from, to, value })

const swap = (logIndex: number, fields: Partial<LoggedSwap>): LoggedSwap => ({
  type: 'swap',
  protocol: 'uniswap-v2',
  pool,
  sender: router,
  recipient: user,
  inSide: 0,
  amountIn: 0n,
  amountOut: 0n,
  logIndex,
  ...fields,
})

test('default: V2, paid in then paid out, both before the Swap log', () => {
  const result = resolveSwaps(
    [transfer(0, token0, user, pool, 1000n), transfer(1, token1, pool, user, 497n)],
    [swap(3, { inSide: 0, amountIn: 1000n, amountOut: 497n })],
  )
  expect(result.unresolved).toBe(0)
  expect(result.swaps).toMatchObject([{ tokenIn: token0, tokenOut: token1, logIndex: 3 }])
})

test('behavior: V3 pays out before it takes in (callback), token1 in', () => {
  const result = resolveSwaps(
    [transfer(4, token0, pool, user, 50n), transfer(5, token1, user, pool, 100n)],
    [swap(6, { protocol: 'uniswap-v3', inSide: 1, amountIn: 100n, amountOut: 50n })],
  )
  expect(result.swaps).toMatchObject([{ tokenIn: token1, tokenOut: token0 }])
})

test('behavior: a two-pool route: the first pool pays the second, which pays the user', () => {
  const result = resolveSwaps(
    [
      transfer(0, token0, user, pool, 1000n),
      transfer(1, token1, pool, pool2, 400n),
      transfer(3, token2, pool2, user, 90n),
    ],
    [
      swap(2, { recipient: pool2, inSide: 0, amountIn: 1000n, amountOut: 400n }),
      swap(4, { pool: pool2, inSide: 0, amountIn: 400n, amountOut: 90n }),
    ],
  )
  expect(result.swaps.map((s) => [s.pool, s.tokenIn, s.tokenOut])).toEqual([
    [pool, token0, token1],
    [pool2, token1, token2],
  ])
})

test('behavior: two swaps in one pool pair with their own legs, nearest first', () => {
  const result = resolveSwaps(
    [
      transfer(0, token0, user, pool, 10n),
      transfer(1, token1, pool, user, 9n),
      transfer(3, token0, user, pool, 10n),
      transfer(4, token1, pool, user, 8n),
    ],
    [swap(2, { amountIn: 10n, amountOut: 9n }), swap(5, { amountIn: 10n, amountOut: 8n })],
  )
  expect(result.unresolved).toBe(0)
  expect(result.swaps).toHaveLength(2)
})

test('error: a V2 swap paid for in an earlier transaction is unresolved', () => {
  const result = resolveSwaps(
    [transfer(1, token1, pool, user, 497n)],
    [swap(2, { amountIn: 1000n, amountOut: 497n })],
  )
  expect(result).toEqual({ swaps: [], unresolved: 1 })
})

test('error: legs that contradict the pool token order are not taken', () => {
  // inSide 1 says token1 went in, but the only candidate in-leg is token0.
  const result = resolveSwaps(
    [transfer(0, token0, user, pool, 1000n), transfer(1, token1, pool, user, 497n)],
    [swap(3, { inSide: 1, amountIn: 1000n, amountOut: 497n })],
  )
  expect(result.unresolved).toBe(1)
})
