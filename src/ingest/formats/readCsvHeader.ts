import { isChainwatchError } from '../../errors/index.js'
import { splitCsvLine } from './splitCsvLine.js'

/** A CSV header: each column's position, and how many cells every row must have. */
export type CsvHeader = { readonly columns: ReadonlyMap<string, number>; readonly count: number }

/**
 * Reads a CSV header line and checks that it names every required column.
 * Returns `{ error }` (e.g. `missing column "value"`) instead of throwing.
 */
export function readCsvHeader(
  line: string,
  requiredColumns: readonly string[],
): CsvHeader | { readonly error: string } {
  let names: string[]
  try {
    names = splitCsvLine(line)
  } catch (error) {
    if (isChainwatchError(error, 'import.row_invalid')) return { error: error.shortMessage }
    throw error
  }
  const columns = new Map<string, number>()
  names.forEach((name, index) => {
    const column = name.trim()
    if (!columns.has(column)) columns.set(column, index)
  })
  const missing = requiredColumns.filter((column) => !columns.has(column))
  if (missing.length > 0) {
    const list = missing.map((column) => `"${column}"`).join(', ')
    return { error: `missing column${missing.length > 1 ? 's' : ''} ${list}` }
  }
  return { columns, count: names.length }
}
