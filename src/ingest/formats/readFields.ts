import type { ChainwatchError } from '../../errors/index.js'
import type { FieldSource } from './FieldSource.js'
import { describeValue, rowInvalid } from './rowInvalid.js'

/*
 * Typed readers over a FieldSource. Each validates one field and throws `import.row_invalid`
 * with a reason naming the field and its value; the row parser turns that into `{ line, error }`.
 * `…OrNull` readers accept an absent, empty (CSV) or null (JSON) field.
 */

// Exports write lowercase hex: test for that first and lowercase (allocate) only otherwise.
const EVM_ADDRESS = /^0x[0-9a-f]{40}$/
const EVM_ADDRESS_ANY_CASE = /^0x[0-9a-fA-F]{40}$/
const EVM_HASH = /^0x[0-9a-f]{64}$/
const EVM_HASH_ANY_CASE = /^0x[0-9a-fA-F]{64}$/
const BITCOIN_HASH = /^[0-9a-fA-F]{64}$/
const DIGITS = /^[0-9]+$/
/** BigQuery TIMESTAMP as exported to CSV/JSON (`2023-05-02 12:19:59 UTC`) or ISO 8601 (`…T…Z`). */
const UTC_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?: UTC|Z|\+00:00| \+0000)?$/
const MAX_UINT256 = 2n ** 256n - 1n

/** `column "value"` or `field "outputs[0].value"`. */
export function fieldLabel(row: FieldSource, name: string): string {
  return `${row.noun} "${row.prefix}${name}"`
}

/** A row error about one field's value: `column "value": "12x" is not a non-negative integer`. */
export function invalidField(
  row: FieldSource,
  name: string,
  value: unknown,
  problem: string,
): ChainwatchError<'import.row_invalid'> {
  return rowInvalid(`${fieldLabel(row, name)}: ${describeValue(value)} ${problem}`)
}

function required(row: FieldSource, name: string): unknown {
  const value = row.get(name)
  if (value === undefined) throw rowInvalid(`missing ${fieldLabel(row, name)}`)
  if (value === null) {
    throw rowInvalid(`${fieldLabel(row, name)} is ${row.noun === 'column' ? 'empty' : 'null'}`)
  }
  return value
}

function optional(row: FieldSource, name: string): unknown {
  const value = row.get(name)
  return value === undefined ? null : value
}

function evmAddress(row: FieldSource, name: string, value: unknown): string {
  if (typeof value === 'string') {
    if (EVM_ADDRESS.test(value)) return value
    if (EVM_ADDRESS_ANY_CASE.test(value)) return value.toLowerCase()
  }
  throw invalidField(row, name, value, 'is not a valid EVM address')
}

/** A `0x` + 40 hex address, lowercased. */
export function readEvmAddress(row: FieldSource, name: string): string {
  return evmAddress(row, name, required(row, name))
}

export function readEvmAddressOrNull(row: FieldSource, name: string): string | null {
  const value = optional(row, name)
  return value === null ? null : evmAddress(row, name, value)
}

function evmHash(row: FieldSource, name: string, value: unknown): string {
  if (typeof value === 'string') {
    if (EVM_HASH.test(value)) return value
    if (EVM_HASH_ANY_CASE.test(value)) return value.toLowerCase()
  }
  throw invalidField(row, name, value, 'is not a 0x-prefixed 32-byte hex hash')
}

/** A `0x` + 64 hex transaction or block hash, lowercased. */
export function readEvmHash(row: FieldSource, name: string): string {
  return evmHash(row, name, required(row, name))
}

export function readEvmHashOrNull(row: FieldSource, name: string): string | null {
  const value = optional(row, name)
  return value === null ? null : evmHash(row, name, value)
}

function bitcoinHash(row: FieldSource, name: string, value: unknown): string {
  if (typeof value === 'string' && BITCOIN_HASH.test(value)) return value.toLowerCase()
  throw invalidField(row, name, value, 'is not a 32-byte hex hash')
}

/** A 64-hex Bitcoin txid or block hash (display order, no prefix), lowercased. */
export function readBitcoinHash(row: FieldSource, name: string): string {
  return bitcoinHash(row, name, required(row, name))
}

export function readBitcoinHashOrNull(row: FieldSource, name: string): string | null {
  const value = optional(row, name)
  return value === null ? null : bitcoinHash(row, name, value)
}

function amount(row: FieldSource, name: string, value: unknown): bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  } else if (typeof value === 'string' && DIGITS.test(value)) {
    const parsed = BigInt(value)
    // 2^256 - 1 has 78 digits: only longer strings need the (slower) bigint comparison.
    if (value.length < 78 || parsed <= MAX_UINT256) return parsed
    throw invalidField(row, name, value, 'exceeds 2^256 - 1')
  }
  throw invalidField(row, name, value, 'is not a non-negative integer')
}

/**
 * A non-negative integer amount in base units. Exact: JSON numbers beyond 2^53 arrive here as
 * digit strings (see `parseJsonLine`), and a JSON number that is not a safe integer is refused.
 */
export function readAmount(row: FieldSource, name: string): bigint {
  return amount(row, name, required(row, name))
}

export function readAmountOrNull(row: FieldSource, name: string): bigint | null {
  const value = optional(row, name)
  return value === null ? null : amount(row, name, value)
}

function integer(row: FieldSource, name: string, value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value
  } else if (typeof value === 'string' && DIGITS.test(value)) {
    const parsed = Number(value)
    if (Number.isSafeInteger(parsed)) return parsed
  }
  throw invalidField(row, name, value, 'is not a non-negative integer')
}

/** A non-negative safe integer (block number, index, count); BigQuery exports INT64 as strings. */
export function readInteger(row: FieldSource, name: string): number {
  return integer(row, name, required(row, name))
}

export function readIntegerOrNull(row: FieldSource, name: string): number | null {
  const value = optional(row, name)
  return value === null ? null : integer(row, name, value)
}

/** Unix seconds, from an integer (ethereum-etl) or a UTC date-time string (BigQuery). */
export function readTimestamp(row: FieldSource, name: string): number {
  const value = required(row, name)
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value
  } else if (typeof value === 'string' && DIGITS.test(value)) {
    return integer(row, name, value)
  } else if (typeof value === 'string') {
    const match = UTC_DATE_TIME.exec(value)
    if (match !== null) {
      const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number)
      if (
        year !== undefined &&
        month !== undefined &&
        day !== undefined &&
        hour !== undefined &&
        minute !== undefined &&
        second !== undefined
      ) {
        const millis = Date.UTC(year, month - 1, day, hour, minute, second)
        // Date.UTC rolls 2023-02-30 over into March; a round trip catches impossible dates.
        const date = new Date(millis)
        if (
          date.getUTCMonth() === month - 1 &&
          date.getUTCDate() === day &&
          date.getUTCHours() === hour &&
          date.getUTCMinutes() === minute &&
          date.getUTCSeconds() === second
        ) {
          return millis / 1000
        }
      }
    }
  }
  throw invalidField(row, name, value, 'is not a unix timestamp or a UTC date-time')
}

function text(row: FieldSource, name: string, value: unknown): string {
  if (typeof value === 'string') return value
  throw invalidField(row, name, value, 'is not a string')
}

export function readText(row: FieldSource, name: string): string {
  return text(row, name, required(row, name))
}

export function readTextOrNull(row: FieldSource, name: string): string | null {
  const value = optional(row, name)
  return value === null ? null : text(row, name, value)
}

/** A boolean: JSON true/false, or the text `true`/`false` (any case) of a CSV export. */
export function readBoolean(row: FieldSource, name: string): boolean {
  const value = required(row, name)
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
  }
  throw invalidField(row, name, value, 'is not a boolean')
}

/** A JSON array (nested Bitcoin inputs/outputs, log topics). */
export function readArray(row: FieldSource, name: string): readonly unknown[] {
  const value = required(row, name)
  if (Array.isArray(value)) return value
  throw invalidField(row, name, value, 'is not an array')
}
