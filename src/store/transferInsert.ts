import type { TransferRecord } from '../chain/index.js'
import { sqliteInsertSql } from './sqliteInsertSql.js'
import { type SqlValue, tableInserts } from './tableInserts.js'

/**
 * The exact SQLite statement `writeBatch` runs for each transfer, so a benchmark baseline can
 * insert the same rows into the same table with a plain better-sqlite3 prepared statement.
 *
 * @example
 * const insert = store.database.prepare(transferInsertSql)
 * store.database.transaction(() => { for (const t of transfers) insert.run(transferInsertParams(t)) })()
 */
export const transferInsertSql: string = sqliteInsertSql(tableInserts.transfers)

/** The values `transferInsertSql` binds for one transfer, in its `?` order. */
export function transferInsertParams(transfer: TransferRecord): SqlValue[] {
  return tableInserts.transfers.params(transfer)
}
