import type { ColumnDataType, Kysely } from 'kysely'
import type { StoreDialect } from '../Store.js'

/**
 * Creates the cross-asset and cross-chain tables: DEX swaps and bridge-router deposits, keyed by
 * their log's natural key (chain, tx hash, position) so `ON CONFLICT DO NOTHING` keeps writes
 * idempotent, each with a chain-order index for the tracer's walk. Adds `outputs.data`: the
 * bytes an OP_RETURN output pushes (hex), which carry a bridge's `OUT:<hash>` memo.
 */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const amount: ColumnDataType = dialect === 'postgres' ? 'numeric(78, 0)' : 'text'

  await db.schema
    .createTable('swaps')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('position', 'text', (column) => column.notNull())
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('tx_index', 'integer')
    .addColumn('protocol', 'text', (column) => column.notNull())
    .addColumn('pool', 'text', (column) => column.notNull())
    .addColumn('sender', 'text', (column) => column.notNull())
    .addColumn('recipient', 'text', (column) => column.notNull())
    .addColumn('token_in', 'text', (column) => column.notNull())
    .addColumn('amount_in', amount, (column) => column.notNull())
    .addColumn('token_out', 'text', (column) => column.notNull())
    .addColumn('amount_out', amount, (column) => column.notNull())
    .addPrimaryKeyConstraint('swaps_pk', ['chain', 'tx_hash', 'position'])
    .execute()
  await db.schema
    .createIndex('swaps_order')
    .on('swaps')
    .columns(['chain', 'block_height', 'tx_index', 'position'])
    .execute()

  await db.schema
    .createTable('bridge_deposits')
    .addColumn('chain', 'text', (column) => column.notNull())
    .addColumn('tx_hash', 'text', (column) => column.notNull())
    .addColumn('position', 'text', (column) => column.notNull())
    .addColumn('block_height', 'integer', (column) => column.notNull())
    .addColumn('tx_index', 'integer')
    .addColumn('router', 'text', (column) => column.notNull())
    .addColumn('vault', 'text', (column) => column.notNull())
    .addColumn('depositor', 'text')
    .addColumn('asset', 'text', (column) => column.notNull())
    .addColumn('amount', amount, (column) => column.notNull())
    .addColumn('memo', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('bridge_deposits_pk', ['chain', 'tx_hash', 'position'])
    .execute()
  await db.schema
    .createIndex('bridge_deposits_order')
    .on('bridge_deposits')
    .columns(['chain', 'block_height', 'tx_index', 'position'])
    .execute()

  // Matching a bridge outbound reads the outputs to one address (index outputs_address).
  await db.schema.alterTable('outputs').addColumn('data', 'text').execute()
}
