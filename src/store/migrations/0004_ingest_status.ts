import type { ColumnDataType, Kysely } from 'kysely'
import type { StoreDialect } from '../Store.js'

/**
 * Live ingest: one status row per chain (upserted with each committed batch, read by
 * `GET /v1/ingest/status`), and the `(chain, block_height)` indexes `rollbackFrom` deletes by
 * (transfers, swaps and bridge deposits already have their chain-order index; blocks has
 * `blocks_height`).
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const real: ColumnDataType = dialect === 'postgres' ? 'double precision' : 'real'
  await db.schema
    .createTable('ingest_status')
    .addColumn('chain', 'text', (column) => column.primaryKey())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('node_tip', 'bigint')
    .addColumn('store_tip', 'bigint')
    .addColumn('store_tip_hash', 'text')
    .addColumn('store_tip_time', 'bigint')
    .addColumn('blocks_per_second', real)
    // ISO 8601 TEXT in both dialects, read back as written.
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()
  for (const table of ['transactions', 'outputs', 'inputs'] as const) {
    await db.schema
      .createIndex(`${table}_height`)
      .on(table)
      .columns(['chain', 'block_height'])
      .execute()
  }
}
