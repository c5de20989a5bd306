import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type {
  AlertRecord,
  MonitorEventRecord,
  RecordMonitorDecisionInput,
} from './monitorRecords.js'
import type { SqlStore } from './SqlStore.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

const T0 = 1_740_000_000

function event(fields: Partial<MonitorEventRecord> = {}): MonitorEventRecord {
  return {
    org: 'exchange-a',
    account: 'alice',
    direction: 'deposit',
    chain: 'ethereum',
    txHash: r.hash(1),
    index: 0,
    counterparty: r.address(1),
    ownAddress: r.address(2),
    asset: 'native',
    // Above 2^64: amounts must survive both dialects exactly.
    amount: 123_456_789_012_345_678_901_234n,
    time: T0,
    ...fields,
  }
}

function alert(e: MonitorEventRecord, fields: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: `al_${e.txHash.slice(-6)}_${e.index}`,
    org: e.org,
    account: e.account,
    event: {
      chain: e.chain,
      txHash: e.txHash,
      index: e.index,
      direction: e.direction,
      counterparty: e.counterparty,
      asset: e.asset,
      amount: e.amount,
      time: e.time,
    },
    origin: 'decision',
    decision: 'hold',
    score: 100,
    hits: [{ ruleId: 'direct-sanctioned', evidence: { list: 'ofac' } }],
    status: 'open',
    createdAt: '2025-02-21T10:00:00.000Z',
    ...fields,
  }
}

function decision(e: MonitorEventRecord, withAlert = true): RecordMonitorDecisionInput {
  const a = withAlert ? alert(e) : null
  return {
    event: e,
    verdict:
      a === null
        ? { decision: 'allow', score: 0, hits: [] }
        : { decision: 'hold', score: 100, hits: a.hits },
    alert: a,
    decidedAt: '2025-02-21T10:00:00.000Z',
  }
}

describe.each(dialects)('monitoring store (%s)', (dialect) => {
  let db: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    db = createTestDatabase(dialect)
    store = await db.open()
  })
  beforeEach(async () => {
    await store.db.deleteFrom('monitor_events').execute()
    await store.db.deleteFrom('alerts').execute()
  })
  afterAll(async () => db.dispose(store))

  test('stores event, verdict and alert together; a redelivery returns the stored verdict', async () => {
    const first = await store.recordMonitorDecision(decision(event()))
    expect(first).toMatchObject({ duplicate: false, alertId: alert(event()).id })
    const again = await store.recordMonitorDecision({
      ...decision(event(), false),
      decidedAt: '2030-01-01T00:00:00.000Z',
    })
    expect(again).toEqual({ ...first, duplicate: true })
    expect(again.event.amount).toBe(event().amount)
    expect(await store.monitorDecision(event())).toEqual({ ...first, duplicate: true })
    const { alerts } = await store.alerts({})
    expect(alerts).toEqual([alert(event())])
  })

  test('nothing is stored when the alert cannot be: one transaction', async () => {
    await store.recordMonitorDecision(decision(event()))
    const other = event({ index: 1 })
    // Same alert id as the first event's: the alert insert fails, so must the event's.
    await expect(
      store.recordMonitorDecision({ ...decision(other), alert: alert(event()) }),
    ).rejects.toThrow()
    expect(await store.monitorDecision(other)).toBeNull()
    expect((await store.alerts({})).alerts).toHaveLength(1)
  })

  test('concurrent decisions of one event store it once', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => store.recordMonitorDecision(decision(event()))),
    )
    expect(results.filter((x) => !x.duplicate)).toHaveLength(1)
    expect((await store.alerts({})).alerts).toHaveLength(1)
  })

  test('account events in a window, newest kept or oldest first', async () => {
    for (let i = 0; i < 5; i++) {
      await store.recordMonitorDecision(decision(event({ index: i, time: T0 + i * 100 }), false))
    }
    await store.recordMonitorDecision(decision(event({ index: 9, account: 'bob' }), false))
    const window = await store.accountEvents({
      org: 'exchange-a',
      account: 'alice',
      fromTime: T0 + 100,
      toTime: T0 + 300,
    })
    expect(window.map((e) => e.index)).toEqual([1, 2, 3])
    const newest = await store.accountEvents({
      org: 'exchange-a',
      account: 'alice',
      fromTime: 0,
      toTime: T0 + 1000,
      limit: 2,
    })
    expect(newest.map((e) => e.time)).toEqual([T0 + 300, T0 + 400])
    const [first] = await store.accountEvents({
      org: 'exchange-a',
      account: 'alice',
      fromTime: 0,
      toTime: T0 + 1000,
      limit: 1,
      oldest: true,
    })
    expect(first?.time).toBe(T0)
  })

  test('alerts filter by org, account, decision, time, and page by cursor', async () => {
    for (let i = 0; i < 5; i++) {
      const e = event({ index: i, account: i % 2 === 0 ? 'alice' : 'bob' })
      await store.recordMonitorDecision({
        ...decision(e),
        alert: alert(e, {
          createdAt: `2025-02-21T10:00:0${i}.000Z`,
          decision: i === 4 ? 'review' : 'hold',
        }),
      })
    }
    expect((await store.alerts({ account: 'bob' })).alerts.map((a) => a.event.index)).toEqual([
      3, 1,
    ])
    expect((await store.alerts({ decision: 'review' })).alerts.map((a) => a.event.index)).toEqual([
      4,
    ])
    expect((await store.alerts({ org: 'other' })).alerts).toEqual([])
    const windowed = await store.alerts({
      since: '2025-02-21T10:00:01.000Z',
      until: '2025-02-21T10:00:02.000Z',
    })
    expect(windowed.alerts.map((a) => a.event.index)).toEqual([2, 1])
    const seen: number[] = []
    let cursor: string | undefined
    do {
      const page = await store.alerts({ limit: 2, ...(cursor === undefined ? {} : { cursor }) })
      seen.push(...page.alerts.map((a) => a.event.index))
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    expect(seen).toEqual([4, 3, 2, 1, 0])
  })

  test('UTXO transactions by hash with inputs, outputs and block time', async () => {
    const btc = { chain: 'bitcoin' as const }
    await store.writeBatch(
      r.batch({
        blocks: [
          r.block({ ...btc, height: 1, time: T0 }),
          r.block({ ...btc, height: 2, hash: r.hash(2), time: T0 + 600 }),
        ],
        transactions: [
          r.transaction({ ...btc, hash: r.hash(200), blockHeight: 1 }),
          r.transaction({ ...btc, hash: r.hash(201), blockHeight: 2, blockHash: r.hash(2) }),
        ],
        outputs: [
          r.output(),
          r.output({ txHash: r.hash(201), index: 0, value: 1n, blockHeight: 2 }),
          r.output({ txHash: r.hash(201), index: 1, value: 9n, blockHeight: 2 }),
        ],
        inputs: [
          r.input({ address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', value: 5_000_000_000n }),
        ],
      }),
    )
    const [tx] = await store.utxoTransactions({
      chain: 'bitcoin',
      txHashes: [r.hash(201), r.hash(999)],
    })
    expect(tx).toEqual({
      chain: 'bitcoin',
      txHash: r.hash(201),
      blockTime: T0 + 600,
      inputs: [
        {
          address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
          spentTxHash: r.hash(200),
          spentOutputIndex: 0,
          value: 5_000_000_000n,
        },
      ],
      outputs: [
        { address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', value: 1n },
        { address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', value: 9n },
      ],
    })
  })
})
