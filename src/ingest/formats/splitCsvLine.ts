import { parse } from 'csv-parse/sync'
import { rowInvalid } from './rowInvalid.js'

/**
 * Splits one CSV line into cells. ethereum-etl quotes a field only when it holds a comma or a
 * quote (log `topics`, block `withdrawals`), so unquoted lines take a plain split and only the
 * rare quoted ones go through csv-parse. Throws `import.row_invalid` for broken quoting.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',')
  let records: string[][]
  try {
    records = parse(line, { relax_column_count: true })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw rowInvalid(`invalid CSV (${reason})`)
  }
  const [cells, extra] = records
  // A quoted field holding a line break would span lines; line-based import cannot join them.
  if (extra !== undefined) throw rowInvalid('invalid CSV (a quoted field holds a line break)')
  return cells ?? ['']
}
