import { encodeAbiParameters, encodeEventTopics, parseAbiParameters } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  DEPOSIT_TOPIC,
  decodeEvmLog,
  evmEventAbi,
  SWAP_V2_TOPIC,
  SWAP_V3_TOPIC,
  TRANSFER_TOPIC,
} from './decodeEvmLog.js'

const token = '0x6b175474e89094c44da98b954eedeac495271d0f'
const pool = '0xa478c2975ab1ea89e8196811f51a7b7ade33eb11'
const alice = '0x1111111111111111111111111111111111111111'
const bob = '0x2222222222222222222222222222222222222222'
const router = '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146'
const vault = '0x3333333333333333333333333333333333333333'

/** A log built by hand: topics from the event's indexed arguments, data from the others. */
function log(topics: readonly unknown[], data: `0x${string}`, address = pool) {
  return { address, topics: topics as `0x${string}`[], data }
}
const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n])
const topicOf = (address: string) => `0x${address.slice(2).padStart(64, '0')}` as `0x${string}`

test('the event selectors are those of the real contracts', () => {
  expect(TRANSFER_TOPIC).toBe('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef')
  // UniswapV2Pair and UniswapV3Pool as deployed on mainnet.
  expect(SWAP_V2_TOPIC).toBe('0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822')
  expect(SWAP_V3_TOPIC).toBe('0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67')
  expect(DEPOSIT_TOPIC).toBe('0xef519b7eb82aaf6ac376a6df2d793843ebfd593de5f1a0601d3cc6ab49ebb395')
})

describe('Transfer', () => {
  test('default: an ERC-20 transfer', () => {
    const decoded = decodeEvmLog(
      log([TRANSFER_TOPIC, topicOf(alice), topicOf(bob)], word(5n * 10n ** 18n), token),
    )
    expect(decoded).toEqual({
      type: 'transfer',
      token,
      from: alice,
      to: bob,
      value: 5n * 10n ** 18n,
    })
  })

  test('behavior: an ERC-721 transfer (token id in a 4th topic) is not a value transfer', () => {
    expect(
      decodeEvmLog(log([TRANSFER_TOPIC, topicOf(alice), topicOf(bob), word(7n)], '0x', token)),
    ).toBeNull()
  })

  test('behavior: unindexed arguments (1 topic, 96 bytes) are not read as an amount', () => {
    const data = encodeAbiParameters(parseAbiParameters('address, address, uint256'), [
      alice,
      bob,
      7n,
    ])
    expect(decodeEvmLog(log([TRANSFER_TOPIC], data, token))).toBeNull()
  })
})

describe('Uniswap V2 Swap', () => {
  test('default: token1 in, token0 out', () => {
    const topics = encodeEventTopics({
      abi: evmEventAbi,
      eventName: 'Swap',
      args: { sender: router, to: bob },
    })
    // Both Swap overloads share the name; the V2 one has `to`, so its selector was chosen.
    expect(topics[0]).toBe(SWAP_V2_TOPIC)
    const data = encodeAbiParameters(parseAbiParameters('uint, uint, uint, uint'), [
      0n,
      3000n,
      1490n,
      0n,
    ])
    expect(decodeEvmLog(log(topics, data))).toEqual({
      type: 'swap',
      protocol: 'uniswap-v2',
      pool,
      sender: router,
      recipient: bob,
      inSide: 1,
      amountIn: 3000n,
      amountOut: 1490n,
    })
  })

  test('behavior: both tokens in (a flash swap repaid in both) cannot be split', () => {
    const topics = [SWAP_V2_TOPIC, topicOf(router), topicOf(bob)] as const
    const data = encodeAbiParameters(parseAbiParameters('uint, uint, uint, uint'), [
      10n,
      20n,
      5n,
      0n,
    ])
    expect(decodeEvmLog(log(topics, data))).toEqual({ type: 'undecidable-swap', pool })
  })
})

describe('Uniswap V3 Swap', () => {
  test('default: the pool receives token0 (positive) and pays token1 (negative)', () => {
    const topics = [SWAP_V3_TOPIC, topicOf(router), topicOf(alice)] as const
    const data = encodeAbiParameters(
      parseAbiParameters('int256, int256, uint160, uint128, int24'),
      [1_000_000n, -499_000n, 2n ** 96n, 10n ** 18n, -887_220],
    )
    expect(decodeEvmLog(log(topics, data))).toEqual({
      type: 'swap',
      protocol: 'uniswap-v3',
      pool,
      sender: router,
      recipient: alice,
      inSide: 0,
      amountIn: 1_000_000n,
      amountOut: 499_000n,
    })
  })

  test('behavior: token1 in', () => {
    const topics = [SWAP_V3_TOPIC, topicOf(router), topicOf(alice)] as const
    const data = encodeAbiParameters(
      parseAbiParameters('int256, int256, uint160, uint128, int24'),
      [-42n, 100n, 2n ** 96n, 1n, 5],
    )
    expect(decodeEvmLog(log(topics, data))).toMatchObject({
      inSide: 1,
      amountIn: 100n,
      amountOut: 42n,
    })
  })
})

describe('THORChain router Deposit', () => {
  const memo = '=:BTC.BTC:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'

  test('default: a native deposit (asset zero) with its memo', () => {
    const topics = encodeEventTopics({
      abi: evmEventAbi,
      eventName: 'Deposit',
      args: { to: vault, asset: '0x0000000000000000000000000000000000000000' },
    })
    const data = encodeAbiParameters(parseAbiParameters('uint, string'), [4n * 10n ** 18n, memo])
    expect(decodeEvmLog(log(topics, data, router))).toEqual({
      type: 'deposit',
      router,
      vault,
      asset: null,
      amount: 4n * 10n ** 18n,
      memo,
    })
  })

  test('behavior: a token deposit names the token', () => {
    const topics = [DEPOSIT_TOPIC, topicOf(vault), topicOf(token)] as const
    const data = encodeAbiParameters(parseAbiParameters('uint, string'), [9n, 'SWAP:ETH.ETH:0xabc'])
    expect(decodeEvmLog(log(topics, data, router))).toMatchObject({ asset: token, amount: 9n })
  })

  test('error: a truncated payload is not a deposit', () => {
    const topics = [DEPOSIT_TOPIC, topicOf(vault), topicOf(token)] as const
    expect(decodeEvmLog(log(topics, word(9n), router))).toBeNull()
  })
})

test('behavior: other events are ignored', () => {
  expect(decodeEvmLog(log([`0x${'ab'.repeat(32)}`], '0x'))).toBeNull()
  expect(decodeEvmLog(log([], '0x'))).toBeNull()
})
