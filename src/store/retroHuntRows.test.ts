import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { ListEntry } from '../screening/index.js'
import type { AlertRecord, MonitorEventRecord } from './monitorRecords.js'
import type { SqlStore } from './SqlStore.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

const T0 = 1_740_000_000

function event(seed: number, fields: Partial<MonitorEventRecord> = {}): MonitorEventRecord {
  return {
    org: 'exchange-a',
    account: 'alice',
    direction: 'deposit',
    chain: 'ethereum',
    txHash: r.hash(seed),
    index: 0,
    counterparty: r.address(1),
    ownAddress: r.address(2),
    asset: 'native',
    amount: 123_456_789_012_345_678_901_234n,
    time: T0,
    ...fields,
  }
}

function retroAlert(e: MonitorEventRecord, id: string): AlertRecord {
  const { org, account, ownAddress: _own, ...rest } = e
  return {
    id,
    org,
    account,
    event: rest,
    origin: `retro-hunt:ofac-sdn:${e.counterparty}`,
    decision: 'hold',
    score: 100,
    hits: [{ ruleId: 'retro-hunt', evidence: { list: 'ofac-sdn' } }],
    status: 'open',
    createdAt: '2025-03-01T00:00:00.000Z',
  }
}

const entry = (address: string): ListEntry => ({
  chain: 'ethereum',
  address,
  asset: null,
  category: 'sanctioned',
  entity: 'LAZARUS GROUP',
  entityId: '27307',
  programmes: ['DPRK3'],
  confidence: 100,
  label: null,
})

describe.each(dialects)('retro-hunt store (%s)', (dialect) => {
  let db: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    db = createTestDatabase(dialect)
    store = await db.open()
  })
  beforeEach(async () => {
    await store.db.deleteFrom('monitor_events').execute()
    await store.db.deleteFrom('alerts').execute()
    await db.clear(store)
  })
  afterAll(async () => db.dispose(store))

  test('reads events of the counterparties within the window, oldest first', async () => {
    const events = [
      event(1, { time: T0 - 100 }), // before the window
      event(2, { time: T0 + 20 }),
      event(3, { time: T0 }), // the window's first second
      event(4, { counterparty: r.address(3) }), // another counterparty
      event(5, { chain: 'bitcoin', counterparty: r.address(1) }), // another chain
    ]
    for (const e of events) {
      await store.recordMonitorDecision({
        event: e,
        verdict: { decision: 'allow', score: 0, hits: [] },
        alert: null,
        decidedAt: '2025-02-21T10:00:00.000Z',
      })
    }
    const found = await store.monitorEventsByCounterparty({
      chain: 'ethereum',
      addresses: [r.address(1), r.address(1)],
      since: T0,
    })
    expect(found).toEqual([events[2], events[1]])
  })

  test('recordRetroAlerts is idempotent: a re-run stores nothing new', async () => {
    const alerts = [retroAlert(event(1), 'al_one'), retroAlert(event(2), 'al_two')]
    expect(await store.recordRetroAlerts(alerts)).toBe(2)
    expect(await store.recordRetroAlerts(alerts)).toBe(0)
    expect(await store.recordRetroAlerts([])).toBe(0)
    const page = await store.alerts({})
    expect(page.alerts.map((a) => a.id).sort()).toEqual(['al_one', 'al_two'])
    expect(page.alerts.find((a) => a.id === 'al_one')).toEqual(alerts[0])
  })

  test('designationsAddedIn returns only what a version began', async () => {
    const input = {
      list: 'ofac-sdn',
      kind: 'ofac-sdn-csv' as const,
      source: '/data/sdn.csv',
      publishedAt: null,
      sha256: 'a'.repeat(64),
      loadedAt: '2025-01-01T00:00:00.000Z',
    }
    await store.replaceList({ ...input, entries: [entry(r.address(1)), entry(r.address(2))] })
    const v2 = await store.replaceList({
      ...input,
      loadedAt: '2025-02-01T00:00:00.000Z',
      entries: [entry(r.address(2)), entry(r.address(3))],
    })
    const added = await store.designationsAddedIn({ list: 'ofac-sdn', version: v2.version })
    expect(added.map((d) => d.address)).toEqual([r.address(3)])
    expect(added[0]).toMatchObject({ list: 'ofac-sdn', category: 'sanctioned', until: null })
  })
})
