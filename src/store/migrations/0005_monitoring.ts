import type { Kysely } from 'kysely'
import type { StoreDialect } from '../Store.js'

/**
 * Monitoring: one row per decided exchange event (its identity (org, chain, tx_hash, idx) is the
 * primary key, so a redelivered event finds its stored verdict instead of being decided twice),
 * and one row per alert. Amounts are decimal TEXT in both dialects (uint256 does not fit 64 bits),
 * verdict hits and alert evidence are JSON TEXT, dates ISO 8601 TEXT.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('monitor_events')
    .addColumn('org', 'text', (column) => column.notNull())
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('idx', 'integer', (column) => column.notNull())
    .addColumn('account', 'text', (column) => column.notNull())
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('counterparty', 'text', (column) => column.notNull())
    .addColumn('own_address', 'text', (column) => column.notNull())
    .addColumn('asset', 'text', (column) => column.notNull())
    .addColumn('amount', 'text', (column) => column.notNull())
    .addColumn('time', 'bigint', (column) => column.notNull())
    .addColumn('decision', 'text', (column) => column.notNull())
    .addColumn('score', 'integer', (column) => column.notNull())
    .addColumn('hits', 'text', (column) => column.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('decided_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('monitor_events_pk', ['org', 'chain', 'tx_hash', 'idx'])
    .execute()
  // Behavioural rules read one account's events in a time window.
  await db.schema
    .createIndex('monitor_events_account_time')
    .on('monitor_events')
    .columns(['org', 'account', 'time'])
    .execute()

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org', 'text', (column) => column.notNull())
    .addColumn('account', 'text', (column) => column.notNull())
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('idx', 'integer', (column) => column.notNull())
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('counterparty', 'text', (column) => column.notNull())
    .addColumn('asset', 'text', (column) => column.notNull())
    .addColumn('amount', 'text', (column) => column.notNull())
    .addColumn('event_time', 'bigint', (column) => column.notNull())
    .addColumn('origin', 'text', (column) => column.notNull())
    .addColumn('decision', 'text', (column) => column.notNull())
    .addColumn('score', 'integer', (column) => column.notNull())
    .addColumn('hits', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute()
  // GET /v1/alerts pages newest first per org (keyset on created_at, id).
  await db.schema
    .createIndex('alerts_org_created')
    .on('alerts')
    .columns(['org', 'created_at', 'id'])
    .execute()
  await db.schema.createIndex('alerts_created').on('alerts').columns(['created_at', 'id']).execute()
}
