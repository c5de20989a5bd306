import type { Kysely } from 'kysely'
import type {
  AccountEventsParameters,
  AlertFilter,
  AlertPage,
  MonitorEventRecord,
} from './monitorRecords.js'
import { alertOf, monitorEventOf } from './monitorRows.js'
import type { Database } from './schema.js'

const DEFAULT_EVENTS = 10_000
const DEFAULT_ALERTS = 100

/** One account's stored events with `fromTime ≤ time ≤ toTime`, oldest first. */
export async function readAccountEvents(
  db: Kysely<Database>,
  {
    org,
    account,
    fromTime,
    toTime,
    limit = DEFAULT_EVENTS,
    oldest = false,
  }: AccountEventsParameters,
): Promise<readonly MonitorEventRecord[]> {
  const rows = await db
    .selectFrom('monitor_events')
    .selectAll()
    .where('org', '=', org)
    .where('account', '=', account)
    .where('time', '>=', fromTime)
    .where('time', '<=', toTime)
    .orderBy('time', oldest ? 'asc' : 'desc')
    .orderBy('tx_hash', oldest ? 'asc' : 'desc')
    .orderBy('idx', oldest ? 'asc' : 'desc')
    .limit(limit)
    .execute()
  const events = rows.map(monitorEventOf)
  return oldest ? events : events.reverse()
}

/** Alerts matching `filter`, newest first, one page at a time (keyset on created_at, id). */
export async function readAlerts(db: Kysely<Database>, filter: AlertFilter): Promise<AlertPage> {
  const limit = filter.limit ?? DEFAULT_ALERTS
  const after = filter.cursor === undefined ? null : parseCursor(filter.cursor)
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .$if(filter.org !== undefined, (q) => q.where('org', '=', filter.org ?? ''))
    .$if(filter.account !== undefined, (q) => q.where('account', '=', filter.account ?? ''))
    .$if(filter.decision !== undefined, (q) => q.where('decision', '=', filter.decision ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? ''))
    .$if(filter.since !== undefined, (q) => q.where('created_at', '>=', filter.since ?? ''))
    .$if(filter.until !== undefined, (q) => q.where('created_at', '<=', filter.until ?? ''))
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('created_at', '<', after?.createdAt ?? ''),
          eb.and([eb('created_at', '=', after?.createdAt ?? ''), eb('id', '<', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit).map(alertOf)
  const last = page[page.length - 1]
  return {
    alerts: page,
    nextCursor:
      rows.length > limit && last !== undefined ? formatCursor(last.createdAt, last.id) : null,
  }
}

function formatCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url')
}

/** Cursors are opaque to clients; a malformed one is validated at the HTTP edge. */
export function parseCursor(cursor: string): { createdAt: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { createdAt: value[0], id: value[1] }
    }
  } catch {
    // falls through: not a cursor
  }
  return null
}
