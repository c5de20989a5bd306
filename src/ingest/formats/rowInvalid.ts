import { ChainwatchError } from '../../errors/index.js'

/**
 * The error a row mapper throws for malformed input; row parsers catch it and turn its
 * `shortMessage` into `{ line, error }`, so nothing escapes a parser for bad data.
 */
export function rowInvalid(reason: string): ChainwatchError<'import.row_invalid'> {
  return new ChainwatchError('import.row_invalid', reason)
}

/** A value quoted for an error message, cut short so one bad row cannot flood a log. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > 70 ? `${value.slice(0, 66)}…` : value
    return JSON.stringify(text)
  }
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return String(value)
}
