import type SqliteDatabase from 'better-sqlite3'

/**
 * Installs exact amount arithmetic on a SQLite connection. SQLite has only 64-bit integers and
 * doubles, so its `sum()` overflows or rounds wei and token amounts (uint256). Amounts are stored
 * as TEXT decimals and summed with BigInt here: `bigsum(x)` (an aggregate, NULL over no non-NULL
 * rows, like `sum`) and `bigsub(a, b)`; both return decimal TEXT.
 */
export function registerAmountFunctions(database: SqliteDatabase.Database): void {
  database.aggregate<bigint | null>('bigsum', {
    deterministic: true,
    start: () => null,
    step: (total, next: unknown) => {
      const value = toBigInt(next)
      if (value === null) return total
      return total === null ? value : total + value
    },
    result: (total) => (total === null ? null : total.toString()),
  })
  database.function('bigsub', { deterministic: true }, (a: unknown, b: unknown) => {
    const left = toBigInt(a)
    const right = toBigInt(b)
    return left === null || right === null ? null : (left - right).toString()
  })
}

function toBigInt(value: unknown): bigint | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) {
    return BigInt(value)
  }
  throw new TypeError(`Amount ${String(value)} is not an integer.`)
}
