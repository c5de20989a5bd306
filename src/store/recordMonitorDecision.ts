import type { Kysely, Transaction } from 'kysely'
import type {
  MonitorEventKey,
  RecordMonitorDecisionInput,
  StoredMonitorDecision,
} from './monitorRecords.js'
import { alertRow, monitorEventRow, storedDecisionOf } from './monitorRows.js'
import type { Database } from './schema.js'

/**
 * Stores an event, its verdict and its alert in one transaction. The event's key decides: when
 * it is already stored (a redelivery, or a concurrent decision of the same event that committed
 * first), nothing is written and the stored decision comes back with `duplicate: true`.
 */
export async function recordMonitorDecision(
  db: Kysely<Database>,
  input: RecordMonitorDecisionInput,
): Promise<StoredMonitorDecision> {
  return db.transaction().execute(async (trx) => {
    const row = monitorEventRow({
      event: input.event,
      verdict: input.verdict,
      alertId: input.alert?.id ?? null,
      decidedAt: input.decidedAt,
    })
    const inserted = await trx
      .insertInto('monitor_events')
      .values(row)
      .onConflict((conflict) => conflict.columns(['org', 'chain', 'tx_hash', 'idx']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const stored = await findDecision(trx, input.event)
      if (stored === null) throw new Error('monitor event conflicted but is not stored')
      return stored
    }
    if (input.alert !== null) {
      // The id derives from the event's key, which was new: an existing alert is a bug.
      await trx.insertInto('alerts').values(alertRow(input.alert)).execute()
    }
    return {
      event: input.event,
      verdict: input.verdict,
      alertId: input.alert?.id ?? null,
      decidedAt: input.decidedAt,
      duplicate: false,
    }
  })
}

/** The stored decision of an event, flagged duplicate, or null. */
export async function findDecision(
  db: Kysely<Database> | Transaction<Database>,
  key: MonitorEventKey,
): Promise<StoredMonitorDecision | null> {
  const row = await db
    .selectFrom('monitor_events')
    .selectAll()
    .where('org', '=', key.org)
    .where('chain', '=', key.chain)
    .where('tx_hash', '=', key.txHash)
    .where('idx', '=', key.index)
    .executeTakeFirst()
  return row === undefined ? null : storedDecisionOf(row, true)
}
