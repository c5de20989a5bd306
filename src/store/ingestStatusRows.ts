import type { Kysely, Transaction } from 'kysely'
import type { ChainId } from '../chain/index.js'
import type { IngestStatus, IngestStatusUpdate } from './Store.js'
import type { Database } from './schema.js'
import type { SqlValue } from './tableInserts.js'

/** SQLite's upsert of a status row (the PostgreSQL writer builds the same with kysely). */
export const ingestStatusUpsertSql = `INSERT INTO ingest_status
(chain, source, node_tip, store_tip, store_tip_hash, store_tip_time, blocks_per_second, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (chain) DO UPDATE SET source = excluded.source, node_tip = excluded.node_tip,
store_tip = excluded.store_tip, store_tip_hash = excluded.store_tip_hash,
store_tip_time = excluded.store_tip_time, blocks_per_second = excluded.blocks_per_second,
updated_at = excluded.updated_at`

/** The row's values in `ingestStatusUpsertSql` order. */
export function ingestStatusParams(status: IngestStatusUpdate, updatedAt: string): SqlValue[] {
  return [
    status.chain,
    status.source,
    status.nodeTip,
    status.storeTip,
    status.storeTipHash,
    status.storeTipTime,
    status.blocksPerSecond,
    updatedAt,
  ]
}

/** Upserts a status row inside a kysely transaction (PostgreSQL). */
export async function upsertIngestStatus(
  trx: Transaction<Database>,
  status: IngestStatusUpdate,
  updatedAt: string,
): Promise<void> {
  const row = {
    chain: status.chain,
    source: status.source,
    node_tip: status.nodeTip,
    store_tip: status.storeTip,
    store_tip_hash: status.storeTipHash,
    store_tip_time: status.storeTipTime,
    blocks_per_second: status.blocksPerSecond,
    updated_at: updatedAt,
  }
  await trx
    .insertInto('ingest_status')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('chain').doUpdateSet((eb) => ({
        source: eb.ref('excluded.source'),
        node_tip: eb.ref('excluded.node_tip'),
        store_tip: eb.ref('excluded.store_tip'),
        store_tip_hash: eb.ref('excluded.store_tip_hash'),
        store_tip_time: eb.ref('excluded.store_tip_time'),
        blocks_per_second: eb.ref('excluded.blocks_per_second'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

const nullableNumber = (value: string | number | null): number | null =>
  value === null ? null : Number(value)

/** Every chain's status row, in chain-name order. */
export async function readIngestStatus(db: Kysely<Database>): Promise<IngestStatus[]> {
  const rows = await db.selectFrom('ingest_status').selectAll().orderBy('chain').execute()
  return rows.map((row) => ({
    chain: row.chain as ChainId,
    source: row.source,
    nodeTip: nullableNumber(row.node_tip),
    storeTip: nullableNumber(row.store_tip),
    storeTipHash: row.store_tip_hash,
    storeTipTime: nullableNumber(row.store_tip_time),
    blocksPerSecond: row.blocks_per_second === null ? null : Number(row.blocks_per_second),
    updatedAt: row.updated_at,
  }))
}
