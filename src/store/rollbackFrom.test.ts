import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { ChainBatch } from '../chain/index.js'
import { isChainwatchError } from '../errors/index.js'
import { liveCheckpointSource } from './liveCheckpoint.js'
import type { SqlStore } from './SqlStore.js'
import type { IngestStatusUpdate } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

/** Blocks 1..n of one chain, each with one row in every table keyed by its height. */
function chainBatch(chain: 'ethereum' | 'bitcoin', n: number): ChainBatch {
  const heights = Array.from({ length: n }, (_, i) => i + 1)
  const tx = (h: number) => r.hash(1000 + h)
  return r.batch({
    blocks: heights.map((h) => r.block({ chain, height: h, hash: r.hash(h), time: 1000 + h })),
    transactions: heights.map((h) => r.transaction({ chain, hash: tx(h), blockHeight: h })),
    outputs: heights.map((h) => r.output({ chain, txHash: tx(h), blockHeight: h })),
    inputs: heights.map((h) => r.input({ chain, txHash: tx(h), blockHeight: h })),
    transfers: heights.map((h) => r.transfer({ chain, txHash: tx(h), blockHeight: h })),
    swaps: heights.map((h) => r.swap({ chain, txHash: tx(h), blockHeight: h })),
    bridgeDeposits: heights.map((h) => r.bridgeDeposit({ chain, txHash: tx(h), blockHeight: h })),
  })
}

const status = (fields: Partial<IngestStatusUpdate> = {}): IngestStatusUpdate => ({
  chain: 'ethereum',
  source: 'rpc:http://127.0.0.1:8545',
  nodeTip: 12,
  storeTip: 10,
  storeTipHash: r.hash(10),
  storeTipTime: 1010,
  blocksPerSecond: 2.5,
  ...fields,
})

describe.each(dialects)('%s: rollbackFrom, tip and ingest status', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  beforeEach(() => database.clear(store))
  afterAll(() => database.dispose(store))

  test('default: deletes every row at height ≥ h of that chain only, moves checkpoint and status back', async () => {
    await store.writeBatch(chainBatch('ethereum', 10), {
      source: liveCheckpointSource('ethereum'),
      position: 11,
      status: status(),
    })
    await store.writeBatch(chainBatch('bitcoin', 10), { source: 'rpc:bitcoin', position: 11 })
    expect(await store.tip('ethereum')).toEqual({ height: 10, hash: r.hash(10), time: 1010 })
    expect(await store.blockHash('ethereum', 4)).toBe(r.hash(4))

    const rolled = await store.rollbackFrom('ethereum', 7)
    expect(rolled).toEqual({
      chain: 'ethereum',
      fromHeight: 7,
      blocks: 4,
      transactions: 4,
      outputs: 4,
      inputs: 4,
      transfers: 4,
      swaps: 4,
      bridgeDeposits: 4,
    })
    expect(await store.tip('ethereum')).toEqual({ height: 6, hash: r.hash(6), time: 1006 })
    expect(await store.blockHash('ethereum', 7)).toBeNull()
    expect(await store.checkpoint('rpc:ethereum')).toBe(7)
    expect(await store.checkpoint('rpc:bitcoin')).toBe(11)
    const [ethereum] = await store.ingestStatus()
    expect(ethereum).toMatchObject({ chain: 'ethereum', storeTip: 6, storeTipHash: r.hash(6) })
    const stats = await store.stats()
    expect(stats.map((s) => [s.chain, s.blocks, s.transactions])).toEqual([
      ['bitcoin', 10, 10],
      ['ethereum', 6, 6],
    ])
    // Nothing left to delete: a second rollback is a no-op.
    expect(await store.rollbackFrom('ethereum', 7)).toMatchObject({ blocks: 0, transfers: 0 })
    // A rollback never moves a checkpoint forward.
    await store.rollbackFrom('ethereum', 9)
    expect(await store.checkpoint('rpc:ethereum')).toBe(7)
  })

  test('default: the status row is upserted with each batch and read back', async () => {
    expect(await store.ingestStatus()).toEqual([])
    expect(await store.tip('ethereum')).toBeNull()
    await store.writeBatch(chainBatch('ethereum', 3), {
      source: 'rpc:ethereum',
      position: 4,
      status: status({ storeTip: 3, storeTipHash: r.hash(3), nodeTip: null }),
    })
    await store.writeBatch(r.batch(), {
      source: 'rpc:ethereum',
      position: 4,
      status: status({ storeTip: 3, storeTipHash: r.hash(3), blocksPerSecond: null }),
    })
    const rows = await store.ingestStatus()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      chain: 'ethereum',
      source: 'rpc:http://127.0.0.1:8545',
      nodeTip: 12,
      storeTip: 3,
      storeTipTime: 1010,
      blocksPerSecond: null,
    })
    expect(Number.isNaN(Date.parse(rows[0]?.updatedAt ?? ''))).toBe(false)
  })

  test('error: a negative height is input.invalid and deletes nothing', async () => {
    await store.writeBatch(chainBatch('ethereum', 2))
    const failure = await store.rollbackFrom('ethereum', -1).catch((error: unknown) => error)
    expect(isChainwatchError(failure) && failure.code).toBe('input.invalid')
    expect(await store.tip('ethereum')).toMatchObject({ height: 2 })
  })
})
