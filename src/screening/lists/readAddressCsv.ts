import { CsvError, parse } from 'csv-parse/sync'
import { displayText } from './displayText.js'
import { listInvalid } from './listInvalid.js'

/** One address taken from a list, with its 1-based line and the label its row gives. */
export type AddressLine = {
  readonly line: number
  readonly address: string
  readonly label?: string | undefined
}

export type ReadAddressCsvParameters = {
  readonly file?: string | undefined
  /** Header names of the address column, in order of preference (lowercase). */
  readonly addressColumns: readonly string[]
  /** Header names of a label column, in order of preference (lowercase). */
  readonly labelColumns: readonly string[]
}

/**
 * The addresses (and labels) of a CSV list with a header line. Quotes, CRLF and `#` comment lines
 * are handled; a row with another number of columns than the header, or a broken quote, makes
 * the whole file invalid.
 *
 * @throws ChainwatchError `list.invalid` naming the line.
 */
export function readAddressCsv(
  text: string,
  params: ReadAddressCsvParameters,
): readonly AddressLine[] {
  const { file, addressColumns, labelColumns } = params
  const recordLines: number[] = []
  let records: string[][]
  try {
    records = parse(text, {
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n'],
      comment: '#',
      comment_no_infix: true,
      on_record: (record, context) => {
        recordLines.push(context.lines)
        return record
      },
    })
  } catch (cause) {
    if (!(cause instanceof CsvError)) throw cause
    const line = typeof cause.lines === 'number' ? cause.lines : undefined
    throw listInvalid({
      file,
      where: line === undefined ? undefined : `line ${line}`,
      reason: `not a valid CSV (${displayText(csvReason(cause))})`,
      cause,
    })
  }
  const [header = [], ...rows] = records
  const headerLine = recordLines[0] ?? 1
  const names = header.map((name) => name.trim().toLowerCase())
  const addressIndex = firstColumn(names, addressColumns)
  if (addressIndex === undefined) {
    throw listInvalid({
      file,
      where: `line ${headerLine}`,
      reason: `the CSV header names no address column (expected one of ${addressColumns.join(', ')})`,
    })
  }
  const labelIndex = firstColumn(names, labelColumns)
  return rows.map((row, index) => {
    const label = labelIndex === undefined ? undefined : row[labelIndex]?.trim()
    return {
      line: recordLines[index + 1] ?? 0,
      address: row[addressIndex] ?? '',
      label: label === '' ? undefined : label,
    }
  })
}

function firstColumn(names: readonly string[], wanted: readonly string[]): number | undefined {
  for (const name of wanted) {
    const index = names.indexOf(name)
    if (index !== -1) return index
  }
  return undefined
}

/** csv-parse's message without its own "on line N" (the error names the line already). */
function csvReason(error: CsvError): string {
  const length = error.message.match(/expect (\d+), got (\d+)/)
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && length) {
    return `the row has ${length[2]} columns, the header ${length[1]}`
  }
  return error.message.replace(/ (at|on) line \d+.*$/, '')
}
