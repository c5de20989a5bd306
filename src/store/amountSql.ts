import { type Expression, type RawBuilder, sql } from 'kysely'
import type { StoreDialect } from './Store.js'

/**
 * Exact SQL arithmetic on amount columns. PostgreSQL sums NUMERIC natively; SQLite amounts are
 * TEXT (its integers overflow at 2^63) and are added by the `bigsum`/`bigsub` BigInt functions
 * that `registerAmountFunctions` installs on the connection.
 */
export const amountSql = {
  /** Exact sum of an amount column (NULL over no rows), in the dialect's amount type. */
  sum(dialect: StoreDialect, column: string): RawBuilder<string | null> {
    return dialect === 'postgres' ? sql`sum(${sql.ref(column)})` : sql`bigsum(${sql.ref(column)})`
  },
  /** Exact sum of an amount column as a decimal string. */
  sumText(dialect: StoreDialect, column: string): RawBuilder<string | null> {
    return dialect === 'postgres'
      ? sql`sum(${sql.ref(column)})::text`
      : sql`bigsum(${sql.ref(column)})`
  },
  /** `a - b`, NULL when either is NULL. */
  subtract(
    dialect: StoreDialect,
    a: Expression<string | null>,
    b: Expression<string | null>,
  ): RawBuilder<string | null> {
    return dialect === 'postgres' ? sql`${a} - ${b}` : sql`bigsub(${a}, ${b})`
  },
  /** Zero in the dialect's amount type, for `coalesce`. */
  zero(dialect: StoreDialect): RawBuilder<string> {
    return dialect === 'postgres' ? sql`0::numeric` : sql`'0'`
  },
}
