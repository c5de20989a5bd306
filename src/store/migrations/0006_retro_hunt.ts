import type { Kysely } from 'kysely'
import type { StoreDialect } from '../Store.js'

/**
 * Retro-hunt reads the past events of newly designated counterparties in a time window
 * (`monitorEventsByCounterparty`): without this index it scans every stored event.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createIndex('monitor_events_counterparty_time')
    .on('monitor_events')
    .columns(['chain', 'counterparty', 'time'])
    .execute()
}
