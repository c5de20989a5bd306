import type SqliteDatabase from 'better-sqlite3'
import type { ChainBatch } from '../chain/index.js'
import { checkpointInput } from './checkpointInput.js'
import { ingestStatusParams, ingestStatusUpsertSql } from './ingestStatusRows.js'
import type { ImportCheckpoint, WriteResult } from './Store.js'
import { sqliteInsertSql } from './sqliteInsertSql.js'
import { type SqlValue, type TableInsert, tableInserts } from './tableInserts.js'

/** Writes one batch and its checkpoint in one SQLite transaction; synchronous. */
export type SqliteWriteBatch = (
  batch: ChainBatch,
  checkpoint: ImportCheckpoint | undefined,
) => WriteResult

type Statement = SqliteDatabase.Statement<[readonly SqlValue[]]>
type PreparedInsert<R> = { readonly insert: TableInsert<R>; readonly statement: Statement }

const checkpointSql = `INSERT INTO import_checkpoints (source, position, updated_at) VALUES (?, ?, ?)
ON CONFLICT (source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`

/**
 * Prepares the insert statements once and returns the batch writer. Bulk imports are bound by
 * these inserts, so they go straight to better-sqlite3 (cached statements, one `run` per row,
 * no query building); kysely serves the rest of the store.
 */
export function prepareSqliteWriteBatch(database: SqliteDatabase.Database): SqliteWriteBatch {
  const prepare = (sql: string): Statement => database.prepare<[readonly SqlValue[]]>(sql)
  const prepareInsert = <R>(insert: TableInsert<R>): PreparedInsert<R> => ({
    insert,
    statement: prepare(sqliteInsertSql(insert)),
  })
  const blocks = prepareInsert(tableInserts.blocks)
  const transactions = prepareInsert(tableInserts.transactions)
  const outputs = prepareInsert(tableInserts.outputs)
  const inputs = prepareInsert(tableInserts.inputs)
  const transfers = prepareInsert(tableInserts.transfers)
  const swaps = prepareInsert(tableInserts.swaps)
  const bridgeDeposits = prepareInsert(tableInserts.bridgeDeposits)
  const upsertCheckpoint = prepare(checkpointSql)
  const upsertStatus = prepare(ingestStatusUpsertSql)

  return database.transaction((batch: ChainBatch, checkpoint: ImportCheckpoint | undefined) => {
    const position = checkpoint === undefined ? undefined : checkpointInput(checkpoint)
    const result: WriteResult = {
      blocks: insertAll(blocks, batch.blocks),
      transactions: insertAll(transactions, batch.transactions),
      outputs: insertAll(outputs, batch.outputs),
      inputs: insertAll(inputs, batch.inputs),
      transfers: insertAll(transfers, batch.transfers),
      swaps: insertAll(swaps, batch.swaps ?? []),
      bridgeDeposits: insertAll(bridgeDeposits, batch.bridgeDeposits ?? []),
    }
    if (position !== undefined) {
      const now = new Date().toISOString()
      upsertCheckpoint.run([position.source, position.position, now])
      if (position.status !== undefined) upsertStatus.run(ingestStatusParams(position.status, now))
    }
    return result
  })
}

/** Runs the insert for every record; returns how many rows were new (`changes` is 0 on conflict). */
function insertAll<R>({ insert, statement }: PreparedInsert<R>, records: readonly R[]): number {
  let inserted = 0
  for (const record of records) inserted += statement.run(insert.params(record)).changes
  return inserted
}
