import { type ColumnDataType, type Kysely, sql } from 'kysely'
import type { StoreDialect } from '../Store.js'

/**
 * Creates the value-flow tables. Natural keys are primary keys, so `ON CONFLICT DO NOTHING`
 * makes every write idempotent. Partial `*_pending` indexes hold only rows `resolvePending`
 * still has to fill in, so it never scans the whole table.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  // SQLite integers stop at 2^63 and a NUMERIC column would turn big values into lossy REALs,
  // so SQLite amounts are TEXT decimals, summed exactly by the `bigsum` aggregate.
  const amount: ColumnDataType = dialect === 'postgres' ? 'numeric(78, 0)' : 'text'
  const boolean: ColumnDataType = dialect === 'postgres' ? 'boolean' : 'integer'
  const timestamp: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text'

  await db.schema
    .createTable('blocks')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('height', 'integer', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addColumn('parent_hash', 'text')
    .addColumn('time', 'bigint', (column) => column.notNull())
    .addColumn('tx_count', 'integer')
    .addPrimaryKeyConstraint('blocks_pk', ['chain', 'hash'])
    .execute()
  await db.schema.createIndex('blocks_height').on('blocks').columns(['chain', 'height']).execute()

  await db.schema
    .createTable('transactions')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('block_hash', 'text')
    .addColumn('tx_index', 'integer')
    .addColumn('from_address', 'text')
    .addColumn('to_address', 'text')
    .addColumn('value', amount, (column) => column.notNull())
    .addColumn('fee', amount)
    .addColumn('success', boolean, (column) => column.notNull())
    .addPrimaryKeyConstraint('transactions_pk', ['chain', 'hash'])
    .execute()
  await db.schema
    .createIndex('transactions_fee_pending')
    .on('transactions')
    .column('chain')
    .where(sql.ref('fee'), 'is', null)
    .execute()

  await db.schema
    .createTable('outputs')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('output_index', 'integer', (column) => column.notNull())
    .addColumn('address', 'text')
    .addColumn('value', amount, (column) => column.notNull())
    .addColumn('script_type', 'text', (column) => column.notNull())
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('tx_index', 'integer')
    .addPrimaryKeyConstraint('outputs_pk', ['chain', 'tx_hash', 'output_index'])
    .execute()
  await db.schema
    .createIndex('outputs_address')
    .on('outputs')
    .columns(['chain', 'address'])
    .execute()

  await db.schema
    .createTable('inputs')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('input_index', 'integer', (column) => column.notNull())
    .addColumn('spent_tx_hash', 'text')
    .addColumn('spent_output_index', 'integer')
    .addColumn('address', 'text')
    .addColumn('value', amount)
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('tx_index', 'integer')
    .addPrimaryKeyConstraint('inputs_pk', ['chain', 'tx_hash', 'input_index'])
    .execute()
  await db.schema.createIndex('inputs_address').on('inputs').columns(['chain', 'address']).execute()
  await db.schema
    .createIndex('inputs_spent')
    .on('inputs')
    .columns(['chain', 'spent_tx_hash', 'spent_output_index'])
    .execute()
  await db.schema
    .createIndex('inputs_pending')
    .on('inputs')
    .columns(['chain', 'spent_tx_hash', 'spent_output_index'])
    .where(sql.ref('value'), 'is', null)
    .where(sql.ref('spent_tx_hash'), 'is not', null)
    .execute()

  await db.schema
    .createTable('transfers')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('position', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('asset', 'text', (column) => column.notNull())
    .addColumn('from_address', 'text')
    .addColumn('to_address', 'text')
    .addColumn('amount', amount, (column) => column.notNull())
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('tx_index', 'integer')
    .addPrimaryKeyConstraint('transfers_pk', ['chain', 'tx_hash', 'position'])
    .execute()
  await db.schema
    .createIndex('transfers_from')
    .on('transfers')
    .columns(['chain', 'from_address'])
    .execute()
  await db.schema
    .createIndex('transfers_to')
    .on('transfers')
    .columns(['chain', 'to_address'])
    .execute()
  await db.schema
    .createIndex('transfers_order')
    .on('transfers')
    .columns(['chain', 'block_height', 'tx_index', 'position'])
    .execute()
  await db.schema
    .createIndex('transfers_pending')
    .on('transfers')
    .columns(['chain', 'tx_hash'])
    .where(sql.ref('tx_index'), 'is', null)
    .execute()

  await db.schema
    .createTable('import_checkpoints')
    .addColumn('source', 'text', (column) => column.primaryKey())
    .addColumn('position', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', timestamp, (column) => column.notNull())
    .execute()
}
