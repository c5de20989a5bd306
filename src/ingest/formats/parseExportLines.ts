import type { ParsedRow } from '../ParsedRow.js'
import { type CreateRowParserParameters, createRowParser } from './createRowParser.js'

/**
 * Parses the lines of one export file into rows, numbering lines from 1 (a CSV header is line 1)
 * and skipping blank lines. Malformed rows come out as `{ line, error }`; nothing throws for bad
 * input (a format/kind pair that cannot be parsed throws before the first line, see
 * `createRowParser`).
 *
 * @example
 * for await (const row of parseExportLines({ format: 'ethereum-etl-json', kind: 'logs' }, lines)) {
 *   if ('error' in row) report(row.line, row.error)
 *   else batch.push(...row.records)
 * }
 */
export async function* parseExportLines(
  parameters: CreateRowParserParameters,
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<ParsedRow> {
  const parser = createRowParser(parameters)
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber += 1
    const row = parser.parse(line, lineNumber)
    if (row !== null) yield row
  }
}
