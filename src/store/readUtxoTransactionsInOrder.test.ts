import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { SqlStore } from './SqlStore.js'
import type { UtxoTransactionRecord } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

async function all(
  store: SqlStore,
  parameters: Parameters<SqlStore['utxoTransactionsInOrder']>[0],
) {
  const pages: (readonly UtxoTransactionRecord[])[] = []
  for await (const page of store.utxoTransactionsInOrder(parameters)) pages.push(page)
  return pages
}

const tx = (seed: number, blockHeight: number, index: number | null) =>
  r.transaction({ chain: 'bitcoin', hash: r.hash(seed), blockHeight, index })

describe.each(dialects)('%s: utxoTransactionsInOrder', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  beforeEach(() => database.clear(store))
  afterAll(() => database.dispose(store))

  test('default: chain order (block, tx index, hash); unknown tx index last in its block', async () => {
    const transactions = [
      tx(5, 2, 0),
      tx(4, 1, null),
      tx(3, 1, null),
      tx(2, 1, 1),
      tx(1, 1, 0),
      r.transaction({ hash: r.hash(9), blockHeight: 1 }),
    ]
    await store.writeBatch(r.batch({ transactions }))
    const pages = await all(store, { chain: 'bitcoin' })
    expect(pages.flat().map((t) => [t.blockHeight, t.txIndex, t.txHash])).toEqual([
      [1, 0, r.hash(1)],
      [1, 1, r.hash(2)],
      [1, null, r.hash(3)],
      [1, null, r.hash(4)],
      [2, 0, r.hash(5)],
    ])
  })

  test('behavior: inputs and outputs attached in index order; unknown input values stay null', async () => {
    const spending = r.hash(2)
    const outputs = [
      r.output({ txHash: r.hash(1), index: 1, value: 2n ** 70n, blockHeight: 1 }),
      r.output({ txHash: r.hash(1), index: 0, address: null, scriptType: 'nulldata', value: 0n }),
      r.output({ txHash: spending, index: 0, blockHeight: 2, txIndex: 1 }),
    ]
    const inputs = [
      r.input({ txHash: spending, index: 1, spentTxHash: r.hash(7), spentOutputIndex: 3 }),
      r.input({
        txHash: spending,
        index: 0,
        spentTxHash: r.hash(1),
        spentOutputIndex: 1,
        address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        value: 2n ** 70n,
      }),
      r.input({
        txHash: r.hash(1),
        index: 0,
        spentTxHash: null,
        spentOutputIndex: null,
        blockHeight: 1,
        txIndex: 0,
      }),
    ]
    await store.writeBatch(
      r.batch({ transactions: [tx(1, 1, 0), tx(2, 2, 1), tx(3, 2, 2)], outputs, inputs }),
    )
    const records = (await all(store, { chain: 'bitcoin' })).flat()
    expect(records.map((t) => t.txHash)).toEqual([r.hash(1), spending, r.hash(3)])
    const [coinbase, spend, empty] = records
    expect(coinbase?.inputs).toEqual([inputs[2]])
    expect(coinbase?.outputs).toEqual([outputs[1], outputs[0]])
    expect(spend?.inputs).toEqual([inputs[1], inputs[0]])
    expect(spend?.inputs[1]?.value).toBeNull()
    expect(spend?.outputs).toEqual([outputs[2]])
    expect(empty).toMatchObject({ inputs: [], outputs: [] })
  })

  test('behavior: pages end at block boundaries; a block larger than a page comes whole', async () => {
    const transactions = Array.from({ length: 23 }, (_, i) =>
      tx(1000 + i, i < 12 ? 7 : 8 + Math.floor(i / 4), i),
    )
    const outputs = transactions.map((t) =>
      r.output({ txHash: t.hash, blockHeight: t.blockHeight, txIndex: t.index }),
    )
    await store.writeBatch(r.batch({ transactions, outputs }))
    const pages = await all(store, { chain: 'bitcoin', pageSize: 5 })
    const heights = pages.map((page) => [...new Set(page.map((t) => t.blockHeight))])
    // No block appears in two pages.
    expect(heights.flat()).toEqual([...new Set(heights.flat())])
    expect(pages.flat().map((t) => t.txIndex)).toEqual(transactions.map((t) => t.index))
    expect(pages.flat().map((t) => t.outputs)).toEqual(outputs.map((o) => [o]))
  })

  test('args: fromBlock and toBlock bound the walk', async () => {
    await store.writeBatch(r.batch({ transactions: [1, 2, 3, 4].map((h) => tx(h, h, 0)) }))
    const pages = await all(store, { chain: 'bitcoin', fromBlock: 2, toBlock: 3 })
    expect(pages.flat().map((t) => t.blockHeight)).toEqual([2, 3])
  })
})
