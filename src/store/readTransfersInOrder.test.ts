import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { TransferRecord } from '../chain/index.js'
import type { SqlStore } from './SqlStore.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

async function all(store: SqlStore, parameters: Parameters<SqlStore['transfersInOrder']>[0]) {
  const pages: (readonly TransferRecord[])[] = []
  for await (const page of store.transfersInOrder(parameters)) pages.push(page)
  return pages
}

describe.each(dialects)('%s: transfersInOrder', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  beforeEach(() => database.clear(store))
  afterAll(() => database.dispose(store))

  test('default: chain order (block, tx index, position); unknown tx index last in its block', async () => {
    const transfers = [
      r.transfer({
        txHash: r.hash(1),
        blockHeight: 2,
        txIndex: 0,
        position: 'c000001',
        kind: 'token',
        asset: r.address(9),
      }),
      r.transfer({ txHash: r.hash(2), blockHeight: 1, txIndex: 5, position: 'a' }),
      r.transfer({ txHash: r.hash(2), blockHeight: 1, txIndex: 5, position: 'b00000' }),
      r.transfer({
        txHash: r.hash(3),
        blockHeight: 1,
        txIndex: null,
        position: 'c000000',
        kind: 'token',
        asset: r.address(9),
      }),
      r.transfer({
        txHash: r.hash(4),
        blockHeight: 1,
        txIndex: 1,
        position: 'a',
        amount: 2n ** 200n,
      }),
    ]
    await store.writeBatch(r.batch({ transfers }))
    const pages = await all(store, { chain: 'ethereum' })
    expect(pages.flat().map((t) => [t.blockHeight, t.txIndex, t.position])).toEqual([
      [1, 1, 'a'],
      [1, 5, 'a'],
      [1, 5, 'b00000'],
      [1, null, 'c000000'],
      [2, 0, 'c000001'],
    ])
    expect(pages.flat()[0]).toEqual(transfers[4])
  })

  test('behavior: pages end at block boundaries; a block larger than a page comes whole', async () => {
    const transfers = Array.from({ length: 23 }, (_, i) =>
      r.transfer({
        txHash: r.hash(1000 + i),
        blockHeight: i < 12 ? 7 : 8 + Math.floor(i / 4),
        txIndex: i,
      }),
    )
    await store.writeBatch(r.batch({ transfers }))
    const pages = await all(store, { chain: 'ethereum', pageSize: 5 })
    for (const page of pages)
      expect(new Set(page.map((t) => t.blockHeight)).size).toBeGreaterThan(0)
    const heights = pages.map((page) => [...new Set(page.map((t) => t.blockHeight))])
    // No block appears in two pages.
    expect(heights.flat()).toEqual([...new Set(heights.flat())])
    expect(pages.flat().map((t) => t.txIndex)).toEqual(transfers.map((t) => t.txIndex))
  })

  test('args: fromBlock and toBlock bound the walk', async () => {
    const transfers = [1, 2, 3, 4].map((h) => r.transfer({ txHash: r.hash(h), blockHeight: h }))
    await store.writeBatch(r.batch({ transfers }))
    const pages = await all(store, { chain: 'ethereum', fromBlock: 2, toBlock: 3 })
    expect(pages.flat().map((t) => t.blockHeight)).toEqual([2, 3])
  })
})
