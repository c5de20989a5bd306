import type { Kysely } from 'kysely'
import type { ChainId } from '../chain/index.js'
import { designationFromRow } from './designationFromRow.js'
import type { AlertRecord, MonitorEventRecord } from './monitorRecords.js'
import { alertRow, monitorEventOf } from './monitorRows.js'
import type { Designation } from './Store.js'
import type { Database } from './schema.js'

/** Addresses per `IN (…)` list, alerts per INSERT: far below both dialects' parameter limits. */
const ADDRESSES_PER_QUERY = 1_000
const ALERTS_PER_STATEMENT = 500

/** Which past events `monitorEventsByCounterparty` reads. */
export type CounterpartyEventsParameters = {
  readonly chain: ChainId
  /** Normalised counterparty addresses, matched exactly. */
  readonly addresses: readonly string[]
  /** Unix seconds, inclusive: the window's start. */
  readonly since: number
}

/**
 * Stored events whose counterparty is one of `addresses` on `chain`, at or after `since`, oldest
 * first (index `monitor_events_counterparty_time`, migration 0006).
 */
export async function readEventsByCounterparty(
  db: Kysely<Database>,
  { chain, addresses, since }: CounterpartyEventsParameters,
): Promise<readonly MonitorEventRecord[]> {
  const unique = [...new Set(addresses)]
  const events: MonitorEventRecord[] = []
  for (let start = 0; start < unique.length; start += ADDRESSES_PER_QUERY) {
    const rows = await db
      .selectFrom('monitor_events')
      .selectAll()
      .where('chain', '=', chain)
      .where('counterparty', 'in', unique.slice(start, start + ADDRESSES_PER_QUERY))
      .where('time', '>=', since)
      .execute()
    for (const row of rows) events.push(monitorEventOf(row))
  }
  return events.sort(
    (a, b) =>
      a.time - b.time ||
      (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0) ||
      a.index - b.index,
  )
}

/**
 * Stores retro-hunt alerts in one transaction; an alert whose id is already stored is left as it
 * is (ids derive from the event and the origin, so re-running a hunt adds nothing). Returns how
 * many were new.
 */
export async function insertRetroAlerts(
  db: Kysely<Database>,
  alerts: readonly AlertRecord[],
): Promise<number> {
  if (alerts.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    let inserted = 0
    for (let start = 0; start < alerts.length; start += ALERTS_PER_STATEMENT) {
      const result = await trx
        .insertInto('alerts')
        .values(alerts.slice(start, start + ALERTS_PER_STATEMENT).map(alertRow))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n)
    }
    return inserted
  })
}

/** Active designations a list's `version` added (their first version): what a retro-hunt screens. */
export async function readDesignationsAddedIn(
  db: Kysely<Database>,
  { list, version }: { readonly list: string; readonly version: number },
): Promise<readonly Designation[]> {
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('list_versions as v', (join) =>
      join.onRef('v.list', '=', 'd.list').onRef('v.version', '=', 'd.last_version'),
    )
    .selectAll('d')
    .select(['v.kind', 'v.source'])
    .where('d.list', '=', list)
    .where('d.first_version', '=', version)
    .where('d.until', 'is', null)
    .orderBy('d.address')
    .execute()
  return rows.map(designationFromRow)
}
