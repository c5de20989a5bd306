import { type Expression, type RawBuilder, sql } from 'kysely'
import type { StoreDialect } from './Store.js'

/** Exact SQL arithmetic on amount columns of one dialect. */
export type AmountSql = {
  /** Exact sum of an amount column (NULL over no rows), in the dialect's amount type. */
  sum(column: string): RawBuilder<string | null>
  /** Exact sum of an amount column as a decimal string. */
  sumText(column: string): RawBuilder<string | null>
  /** `a - b`, NULL when either is NULL. */
  subtract(a: Expression<string | null>, b: Expression<string | null>): RawBuilder<string | null>
  /** `ORDER BY` terms that put the largest amount first (SQLite TEXT: longer, then greater). */
  descending(expression: Expression<string | null>): RawBuilder<unknown>
  /** An amount expression as a decimal string. */
  text(expression: Expression<string | null>): RawBuilder<string | null>
  /** Zero in the dialect's amount type, for `coalesce`. */
  readonly zero: RawBuilder<string>
}

/**
 * PostgreSQL sums NUMERIC natively; SQLite amounts are TEXT (its integers overflow at 2^63) and
 * are added by the `bigsum`/`bigsub` BigInt functions that `registerAmountFunctions` installs.
 */
export function amountSql(dialect: StoreDialect): AmountSql {
  if (dialect === 'postgres') {
    return {
      sum: (column) => sql`sum(${sql.ref(column)})`,
      sumText: (column) => sql`sum(${sql.ref(column)})::text`,
      subtract: (a, b) => sql`${a} - ${b}`,
      descending: (expression) => sql`${expression} DESC`,
      text: (expression) => sql`${expression}::text`,
      zero: sql`0::numeric`,
    }
  }
  return {
    sum: (column) => sql`bigsum(${sql.ref(column)})`,
    sumText: (column) => sql`bigsum(${sql.ref(column)})`,
    subtract: (a, b) => sql`bigsub(${a}, ${b})`,
    // Decimal strings without leading zeros (what BigInt and bigsum write) order by length first.
    descending: (expression) => sql`length(${expression}) DESC, ${expression} DESC`,
    text: (expression) => sql`${expression}`,
    zero: sql`'0'`,
  }
}
