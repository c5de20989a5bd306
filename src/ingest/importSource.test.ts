import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeAbiParameters, toEventSelector } from 'viem'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ChainwatchError } from '../errors/index.js'
import { openStore, type Store } from '../store/index.js'
import { importSource } from './importSource.js'
import { openSource } from './openSource.js'

const token = '0xf4eced2f682ce333f96f2d8966c613ded8fc95dd'
const from = '0x1b63142628311395ceafeea5667e7c9026c862ca'
const to = '0xac4df82fe37ea2187bc8c011a23d743b4f39019a'
const row = (n: number) =>
  `${token},${from},${to},${n + 1},0x${n.toString(16).padStart(64, '0')},${n},483920`

let dir: string
let file: string
let store: Store
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-source-'))
  file = join(dir, 'token_transfers.csv')
  const lines = [
    'token_address,from_address,to_address,value,transaction_hash,log_index,block_number',
  ]
  for (let n = 0; n < 10; n++) lines.push(row(n))
  writeFileSync(file, `${lines.join('\n')}\n`)
  store = await openStore('sqlite::memory:')
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

test('default: batches commit in order with their checkpoints', async () => {
  const writeBatch = vi.spyOn(store, 'writeBatch')
  const summary = await importSource(
    { store },
    { source: await openSource({ path: file }), strict: false, batchSize: 4 },
  )
  expect(summary).toMatchObject({ rows: 10, records: 10, badRows: 0, inserted: { transfers: 10 } })
  expect(
    writeBatch.mock.calls.map(([batch, checkpoint]) => [
      batch.transfers.length,
      checkpoint?.position,
    ]),
  ).toEqual([
    [4, 5],
    [4, 9],
    [2, 11],
  ])
})

test('behavior: resumes after the committed checkpoint', async () => {
  const source = await openSource({ path: file })
  await store.writeBatch(
    { blocks: [], transactions: [], outputs: [], inputs: [], transfers: [] },
    { source: source.key, position: 7 },
  )
  const summary = await importSource({ store }, { source, strict: false, batchSize: 4 })
  expect(summary).toMatchObject({ resumedAfter: 7, rows: 4, inserted: { transfers: 4 } })
})

describe('errors', () => {
  test('error: a failing write stops the import with the store error', async () => {
    const original = store.writeBatch.bind(store)
    let calls = 0
    // Fault injection at the store edge: the second write fails as a lost connection would.
    vi.spyOn(store, 'writeBatch').mockImplementation(async (batch, checkpoint) => {
      calls++
      if (calls === 2)
        throw new ChainwatchError('store.unavailable', 'The database is unreachable.')
      return original(batch, checkpoint)
    })
    const source = await openSource({ path: file })
    await expect(importSource({ store }, { source, strict: false, batchSize: 4 })).rejects.toThrow(
      'The database is unreachable.',
    )
    expect(await store.checkpoint(source.key)).toBe(5)
  })
})

describe('batches are cut between transactions', () => {
  const SWAP_V2 = toEventSelector(
    'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
  )
  const TRANSFER = toEventSelector(
    'event Transfer(address indexed from, address indexed to, uint256 value)',
  )
  const word = (address: string) => `0x${address.slice(2).padStart(64, '0')}`
  const tokenIn = '0x1111111111111111111111111111111111111111'
  const weth = '0x2222222222222222222222222222222222222222'
  const pool = '0x3333333333333333333333333333333333333333'
  const trader = '0x4444444444444444444444444444444444444444'
  const log = (tx: number, index: number, address: string, topics: string[], data: string) =>
    JSON.stringify({
      type: 'log',
      log_index: index,
      transaction_hash: `0x${tx.toString(16).padStart(64, '0')}`,
      transaction_index: tx,
      block_number: 100,
      block_hash: `0x${'ab'.repeat(32)}`,
      block_timestamp: 1_700_000_000,
      address,
      data,
      topics,
    })
  const amount = (value: bigint) => encodeAbiParameters([{ type: 'uint256' }], [value])

  test('a swap whose logs straddle the batch size keeps its Swap log with its Transfer logs', async () => {
    // Transaction 1 is a V2 swap (Transfer in, Transfer out, Swap); a batch size of 2 would cut
    // it after the second log if batches were cut by count alone.
    const swapData = encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }],
      [500n, 0n, 0n, 400n],
    )
    const lines = [
      log(0, 0, tokenIn, [TRANSFER, word(trader), word(pool)], amount(7n)),
      log(1, 1, tokenIn, [TRANSFER, word(trader), word(pool)], amount(500n)),
      log(1, 2, weth, [TRANSFER, word(pool), word(trader)], amount(400n)),
      log(1, 3, pool, [SWAP_V2, word(trader), word(trader)], swapData),
      log(2, 4, tokenIn, [TRANSFER, word(trader), word(pool)], amount(9n)),
    ]
    const logs = join(dir, 'logs.json')
    writeFileSync(logs, `${lines.join('\n')}\n`)
    const writeBatch = vi.spyOn(store, 'writeBatch')
    const summary = await importSource(
      { store },
      { source: await openSource({ path: logs }), strict: true, batchSize: 2 },
    )
    expect(summary).toMatchObject({ rows: 5, badRows: 0, inserted: { transfers: 4, swaps: 1 } })
    // Cut by count alone, the first batch would end inside tx 1 and its Swap log would meet no
    // legs; cut between transactions, tx 1 stays whole (3 Transfer logs + the Swap, then tx 2).
    expect(
      writeBatch.mock.calls.map(([batch, c]) => [batch.transfers.length, c?.position]),
    ).toEqual([
      [3, 4],
      [1, 5],
    ])
    const swaps = writeBatch.mock.calls.flatMap(([batch]) => batch.swaps ?? [])
    expect(swaps).toHaveLength(1)
    expect(swaps[0]).toMatchObject({ tokenIn, tokenOut: weth, amountIn: 500n, amountOut: 400n })
  })
})
