import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { retroHunt } from '../src/monitoring/index.js'
import {
  type MonitorEventRecord,
  openStore,
  type SqlStore,
  type Store,
} from '../src/store/index.js'
import { createTestDatabaseUrl, type TestDatabaseUrl, type TestDialect } from './harness.js'

/** Past events bulk-inserted before the hunt (issue 7 acceptance: a store of ≥ 1 M events). */
const PAST_EVENTS = 1_000_000
const DAY = 86_400
const NOW = new Date('2026-11-01T00:00:00.000Z')
const now = Math.floor(NOW.getTime() / 1000)
const thief = `0x${'ab'.repeat(20)}`

function sqlStore(store: Store): SqlStore {
  if (!('db' in store)) throw new Error('expected a SQL store')
  return store as SqlStore
}

/**
 * One statement generating the rows in the database: 1 M events over the last 120 days, from
 * 200,000 counterparties none of which is the thief.
 */
async function bulkInsert(store: SqlStore, count: number): Promise<void> {
  const hex = (value: ReturnType<typeof sql>, width: number) =>
    store.dialect === 'sqlite'
      ? sql`printf(${`0x%0${width}x`}, ${value})`
      : sql`'0x' || lpad(to_hex(${value}), ${width}, '0')`
  const i = sql.ref('i')
  const columns = sql`SELECT 'exchange-a', 'ethereum', ${hex(i, 64)}, 0,
  'acct-' || CAST(i % 50000 AS text), CASE WHEN i % 2 = 0 THEN 'deposit' ELSE 'withdrawal' END,
  ${hex(sql`i % 200000 + 1000000`, 40)}, '0x00000000000000000000000000000000000000ee', 'native',
  '1000000', ${now} - (i * 11) % ${120 * DAY}, 'allow', 0, '[]', NULL, '2026-11-01T00:00:00.000Z'`
  const into = sql`INSERT INTO monitor_events (org, chain, tx_hash, idx, account, direction,
  counterparty, own_address, asset, amount, time, decision, score, hits, alert_id, decided_at)`
  if (store.dialect === 'sqlite') {
    await sql`${into} WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1})
${columns} FROM n`.execute(store.db)
  } else {
    await sql`${into} ${columns} FROM generate_series(0, ${count - 1}) AS i`.execute(store.db)
    await sql`ANALYZE monitor_events`.execute(store.db)
  }
}

function event(fields: Partial<MonitorEventRecord>): MonitorEventRecord {
  return {
    org: 'exchange-b',
    account: 'victim',
    direction: 'deposit',
    chain: 'ethereum',
    txHash: `0x${'77'.repeat(32)}`,
    index: 1,
    counterparty: thief,
    ownAddress: `0x${'ee'.repeat(20)}`,
    asset: 'native',
    amount: 42n * 10n ** 18n,
    time: now - 30 * DAY,
    ...fields,
  }
}

describe.each<TestDialect>(['sqlite', 'postgres'])(
  'retro-hunt on 1 M past events (%s)',
  (dialect) => {
    let database: TestDatabaseUrl
    let store: SqlStore
    beforeAll(async () => {
      database = createTestDatabaseUrl(dialect)
      store = sqlStore(await openStore(database.url))
      const started = performance.now()
      await bulkInsert(store, PAST_EVENTS)
      process.stdout.write(
        `[${dialect}] ${PAST_EVENTS} events inserted in ${Math.round(performance.now() - started)} ms\n`,
      )
    }, 240_000)
    afterAll(async () => {
      await store.close()
      await database.dispose()
    })

    test('an indicator for an address that deposited 30 days ago raises one alert', async () => {
      const deposit = event({})
      const tooOld = event({ txHash: `0x${'78'.repeat(32)}`, time: now - 100 * DAY })
      for (const e of [deposit, tooOld]) {
        await store.recordMonitorDecision({
          event: e,
          verdict: { decision: 'allow', score: 0, hits: [] },
          alert: null,
          decidedAt: '2026-10-02T00:00:00.000Z',
        })
      }
      const started = performance.now()
      const version = await store.replaceList({
        list: 'fbi-psa',
        kind: 'address-list',
        source: '/lists/fbi-psa.txt',
        publishedAt: null,
        sha256: 'f'.repeat(64),
        loadedAt: NOW.toISOString(),
        entries: [
          {
            chain: 'ethereum',
            address: thief,
            asset: null,
            category: 'stolen-funds',
            entity: 'Lazarus Group',
            entityId: null,
            programmes: [],
            confidence: 100,
            label: null,
          },
        ],
      })
      const added = await store.designationsAddedIn({ list: 'fbi-psa', version: version.version })
      const result = await retroHunt({ store, designations: added, now: NOW })
      const total = performance.now() - started
      process.stdout.write(
        `[${dialect}] retro-hunt over ${PAST_EVENTS + 2} events: hunt ${result.elapsedMs} ms, list load + hunt ${Math.round(total)} ms\n`,
      )
      expect(result).toMatchObject({ designations: 1, events: 1, alerts: 1, alreadyAlerted: 0 })

      const { alerts } = await store.alerts({})
      expect(alerts).toHaveLength(1)
      expect(alerts[0]).toMatchObject({
        org: 'exchange-b',
        account: 'victim',
        origin: `retro-hunt:fbi-psa:${thief}`,
        decision: 'hold',
        score: 100,
        event: { txHash: deposit.txHash, index: 1, counterparty: thief, time: deposit.time },
        hits: [
          {
            ruleId: 'retro-hunt',
            severity: 'critical',
            evidence: {
              list: 'fbi-psa',
              category: 'stolen-funds',
              entity: 'Lazarus Group',
              event: { txHash: deposit.txHash, amount: deposit.amount.toString() },
            },
          },
        ],
      })

      // Re-running the hunt raises nothing new.
      const again = await retroHunt({ store, designations: added, now: NOW })
      expect(again).toMatchObject({ events: 1, alerts: 0, alreadyAlerted: 1 })
      expect((await store.alerts({})).alerts).toHaveLength(1)
    })
  },
)
