import type { TableInsert } from './tableInserts.js'

/**
 * The single-row SQLite INSERT of a table, with positional `?` parameters. `ON CONFLICT DO
 * NOTHING` skips rows whose natural key exists (idempotent re-imports) but, unlike `INSERT OR
 * IGNORE`, still fails on NOT NULL violations, so a bad batch rolls back instead of losing rows.
 */
export function sqliteInsertSql<R>(insert: TableInsert<R>): string {
  const names = insert.columns.map(([name]) => name).join(', ')
  const marks = insert.columns.map(() => '?').join(', ')
  return `INSERT INTO ${insert.table} (${names}) VALUES (${marks}) ON CONFLICT DO NOTHING`
}
