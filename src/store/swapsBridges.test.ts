import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { BridgeDepositRecord, SwapRecord } from '../chain/index.js'
import { isChainwatchError } from '../errors/index.js'
import type { SqlStore } from './SqlStore.js'
import type { StoredBridgeDeposit } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

async function collect<T>(pages: AsyncIterable<readonly T[]>): Promise<T[][]> {
  const all: T[][] = []
  for await (const page of pages) all.push([...page])
  return all
}

const DEST = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'

describe.each(dialects)('%s: swaps and bridge deposits', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  beforeEach(() => database.clear(store))
  afterAll(() => database.dispose(store))

  test('default: written once (idempotent), counted in stats, read back in chain order', async () => {
    const swaps: SwapRecord[] = [
      r.swap({ txHash: r.hash(2), blockHeight: 5, txIndex: 1, position: 'c000009' }),
      r.swap({ txHash: r.hash(2), blockHeight: 5, txIndex: 1, position: 'c000004' }),
      r.swap({ txHash: r.hash(3), blockHeight: 5, txIndex: null, amountIn: 2n ** 200n }),
      r.swap({ txHash: r.hash(1), blockHeight: 4, txIndex: 7, protocol: 'uniswap-v3' }),
    ]
    const bridgeDeposits: BridgeDepositRecord[] = [
      r.bridgeDeposit({ txHash: r.hash(4), blockHeight: 6, amount: 2n ** 100n }),
      r.bridgeDeposit({ txHash: r.hash(5), blockHeight: 4, asset: r.address(0xa) }),
    ]
    const batch = r.batch({
      blocks: [r.block({ height: 6, hash: r.hash(60), time: 1_700_000_600 })],
      swaps,
      bridgeDeposits,
    })
    const written = await store.writeBatch(batch)
    expect(written).toMatchObject({ blocks: 1, swaps: 4, bridgeDeposits: 2 })
    expect(await store.writeBatch(batch)).toMatchObject({ blocks: 0, swaps: 0, bridgeDeposits: 0 })
    const [stats] = await store.stats()
    expect(stats).toMatchObject({ chain: 'ethereum', swaps: 4, bridge_deposits: 2 })

    const read = (await collect(store.swapsInOrder({ chain: 'ethereum' }))).flat()
    expect(read).toEqual([swaps[3], swaps[1], swaps[0], swaps[2]])
    const deposits = (await collect(store.bridgeDepositsInOrder({ chain: 'ethereum' }))).flat()
    const expected: StoredBridgeDeposit[] = [
      { ...(bridgeDeposits[1] as BridgeDepositRecord), blockTime: null },
      { ...(bridgeDeposits[0] as BridgeDepositRecord), blockTime: 1_700_000_600 },
    ]
    expect(deposits).toEqual(expected)
    expect(await collect(store.swapsInOrder({ chain: 'bitcoin' }))).toEqual([])
  })

  test('behavior: a deposit read from an export without its sender takes the stored transaction’s', async () => {
    const known = r.bridgeDeposit({ txHash: r.hash(7), blockHeight: 6, depositor: null })
    const unknown = r.bridgeDeposit({ txHash: r.hash(8), blockHeight: 7, depositor: null })
    await store.writeBatch(
      r.batch({
        transactions: [r.transaction({ hash: r.hash(7), blockHeight: 6, from: r.address(0x77) })],
        bridgeDeposits: [known, unknown],
      }),
    )
    const deposits = (await collect(store.bridgeDepositsInOrder({ chain: 'ethereum' }))).flat()
    expect(deposits.map((d) => [d.txHash, d.depositor])).toEqual([
      [r.hash(7), r.address(0x77)],
      [r.hash(8), null],
    ])
  })

  test('behavior: pages never split a block; the window bounds the blocks', async () => {
    const swaps = [1, 2, 2, 2, 3].map((height, i) =>
      r.swap({ txHash: r.hash(i), blockHeight: height, position: `c00000${i}` }),
    )
    await store.writeBatch(r.batch({ swaps }))
    const pages = await collect(store.swapsInOrder({ chain: 'ethereum', pageSize: 2 }))
    expect(pages.map((page) => page.map((s) => s.blockHeight))).toEqual([[1], [2, 2, 2], [3]])
    const window = await collect(
      store.swapsInOrder({ chain: 'ethereum', fromBlock: 2, toBlock: 2 }),
    )
    expect(window.flat()).toHaveLength(3)
  })

  test('behavior: atomic with the rest of the batch', async () => {
    // A NOT NULL column set to null (impossible through the types) makes the swap insert fail.
    const broken = { ...r.swap(), pool: null } as unknown as SwapRecord
    const failure = await store
      .writeBatch(r.batch({ transfers: [r.transfer()], swaps: [broken] }))
      .catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'internal')).toBe(true)
    expect(await store.stats()).toEqual([])
  })

  test('behavior: paymentsTo finds outputs to an address within a time window, with OP_RETURN data', async () => {
    const blocks = [10, 11, 12].map((height) =>
      r.block({
        chain: 'bitcoin',
        height,
        hash: r.hash(height),
        time: 1_000 + (height - 10) * 600,
      }),
    )
    const out = (tx: number, index: number, height: number, fields = {}) =>
      r.output({ txHash: r.hash(tx), index, blockHeight: height, value: BigInt(tx), ...fields })
    const memo = Buffer.from(`OUT:${'AB'.repeat(32)}`).toString('hex')
    const outputs = [
      out(1, 0, 10),
      out(2, 0, 11, { address: 'bc1qother' }),
      out(3, 1, 11),
      out(3, 0, 11, { address: null, scriptType: 'nulldata', value: 0n, data: memo }),
      out(4, 0, 12),
    ]
    await store.writeBatch(r.batch({ blocks, outputs }))
    const payments = await store.paymentsTo({
      chain: 'bitcoin',
      address: DEST,
      fromTime: 1_000,
      toTime: 1_600,
    })
    expect(payments).toEqual([
      {
        chain: 'bitcoin',
        txHash: r.hash(1),
        outputIndex: 0,
        address: DEST,
        value: 1n,
        blockHeight: 10,
        txIndex: 0,
        blockTime: 1_000,
        data: [],
      },
      {
        chain: 'bitcoin',
        txHash: r.hash(3),
        outputIndex: 1,
        address: DEST,
        value: 3n,
        blockHeight: 11,
        txIndex: 0,
        blockTime: 1_600,
        data: [memo],
      },
    ])
    const late = await store.paymentsTo({
      chain: 'bitcoin',
      address: DEST,
      fromTime: 1_601,
      toTime: 9_999,
      limit: 5,
    })
    expect(late.map((p) => p.txHash)).toEqual([r.hash(4)])
    // The payload is kept on the output itself too (and absent on other outputs).
    await store.writeBatch(
      r.batch({
        transactions: [r.transaction({ chain: 'bitcoin', hash: r.hash(3), blockHeight: 11 })],
      }),
    )
    const [tx] = (await collect(store.utxoTransactionsInOrder({ chain: 'bitcoin' }))).flat()
    expect(tx?.outputs.map((o) => o.data)).toEqual([memo, undefined])
  })
})
