import { type ChainId, chains } from '../../chain/index.js'
import { ChainwatchError, isChainwatchError } from '../../errors/index.js'
import type { ParsedRow, RecordKind, SourceFormat } from '../ParsedRow.js'
import { csvFields, jsonFields } from './FieldSource.js'
import { mapBitcoinBlock } from './mapBitcoinBlock.js'
import { mapBitcoinTransaction } from './mapBitcoinTransaction.js'
import { mapEthereumBlock } from './mapEthereumBlock.js'
import { mapEthereumTransaction } from './mapEthereumTransaction.js'
import { mapLog } from './mapLog.js'
import { mapTokenTransfer } from './mapTokenTransfer.js'
import { mapTrace } from './mapTrace.js'
import { parseJsonLine } from './parseJsonLine.js'
import type { RowMapper } from './RowMapper.js'
import { readCsvHeader } from './readCsvHeader.js'
import { describeValue } from './rowInvalid.js'
import { splitCsvLine } from './splitCsvLine.js'

export type CreateRowParserParameters = {
  readonly format: SourceFormat
  readonly kind: RecordKind
  /** Defaults to `ethereum` for ethereum-etl formats and `bitcoin` for bitcoin-etl. */
  readonly chain?: ChainId
}

/**
 * Parses the lines of one export file, in order. Returns null for a line that holds nothing:
 * a blank line, or a CSV header that was read successfully. Never throws for bad input.
 */
export type RowParser = {
  parse(line: string, lineNumber: number): ParsedRow | null
}

/**
 * One exporter's readers. `rowTypes` maps the `type` field of stream rows to the mapper for that
 * row, so a file mixing entity types (one stream output) imports too; contracts and tokens carry
 * no value flow, so their rows are read and yield nothing (null).
 */
type Family = {
  readonly chain: ChainId
  readonly mappers: Partial<Record<RecordKind, RowMapper>>
  readonly rowTypes: ReadonlyMap<string, RowMapper | null>
}

const ethereum: Family = {
  chain: 'ethereum',
  mappers: {
    blocks: mapEthereumBlock,
    transactions: mapEthereumTransaction,
    token_transfers: mapTokenTransfer,
    traces: mapTrace,
    logs: mapLog,
  },
  rowTypes: new Map([
    ['block', mapEthereumBlock],
    ['transaction', mapEthereumTransaction],
    ['token_transfer', mapTokenTransfer],
    ['trace', mapTrace],
    ['log', mapLog],
    ['contract', null],
    ['token', null],
  ]),
}

const bitcoin: Family = {
  chain: 'bitcoin',
  mappers: { blocks: mapBitcoinBlock, transactions: mapBitcoinTransaction },
  rowTypes: new Map([
    ['block', mapBitcoinBlock],
    ['transaction', mapBitcoinTransaction],
  ]),
}

const families: Record<SourceFormat, Family | undefined> = {
  'ethereum-etl-csv': ethereum,
  'ethereum-etl-json': ethereum,
  'bitcoin-etl-json': bitcoin,
  'bitcoin-raw': undefined,
}

/**
 * Creates the parser for one file of ethereum-etl CSV/JSON-lines or bitcoin-etl JSON-lines
 * (BigQuery `crypto_ethereum` / `crypto_bitcoin` exports use the same column names).
 * Throws `import.format_unknown` for a format/kind pair it cannot read (raw blocks, or Bitcoin
 * token transfers) and `input.invalid` for a chain of the wrong model.
 *
 * @example
 * const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
 * parser.parse('token_address,from_address,to_address,value,transaction_hash,log_index,block_number', 1) // null
 * parser.parse('0xf4ec…,0x1b63…,0xac4d…,100000,0x04cb…,0,483920', 2) // { line: 2, records: [transfer] }
 */
export function createRowParser({ format, kind, chain }: CreateRowParserParameters): RowParser {
  const family = families[format]
  const mapper = family?.mappers[kind]
  if (family === undefined || mapper === undefined) {
    throw new ChainwatchError('import.format_unknown', `Cannot parse ${kind} rows of ${format}.`, {
      meta: { format, kind },
    })
  }
  const chainId = chain ?? family.chain
  if (chains[chainId].model !== chains[family.chain].model) {
    throw new ChainwatchError('input.invalid', `${format} rows cannot be imported as ${chainId}.`, {
      meta: { format, chain: chainId },
    })
  }
  if (format === 'ethereum-etl-csv') return csvRowParser(mapper, chainId)
  return jsonRowParser(mapper, chainId, family.rowTypes)
}

function csvRowParser(mapper: RowMapper, chain: ChainId): RowParser {
  let header: { readonly count: number; readonly fields: ReturnType<typeof csvFields> } | undefined
  let headerError: string | undefined
  return {
    parse(line, lineNumber) {
      const text = trimLineEnd(line)
      if (isBlank(text)) return null
      if (headerError !== undefined) {
        return { line: lineNumber, error: `not parsed: the CSV header is invalid (${headerError})` }
      }
      if (header === undefined) {
        const read = readCsvHeader(text, mapper.requiredColumns)
        if ('error' in read) {
          headerError = read.error
          return { line: lineNumber, error: `invalid CSV header: ${read.error}` }
        }
        header = { count: read.count, fields: csvFields(read.columns) }
        return null
      }
      try {
        const cells = splitCsvLine(text)
        if (cells.length !== header.count) {
          return {
            line: lineNumber,
            error: `expected ${header.count} columns, got ${cells.length}`,
          }
        }
        header.fields.setCells(cells)
        return { line: lineNumber, records: mapper.map(header.fields.source, chain) }
      } catch (error) {
        return rowError(error, lineNumber)
      }
    },
  }
}

function jsonRowParser(
  mapper: RowMapper,
  chain: ChainId,
  types: ReadonlyMap<string, RowMapper | null>,
): RowParser {
  return {
    parse(line, lineNumber) {
      const text = trimLineEnd(line)
      if (isBlank(text)) return null
      try {
        const fields = jsonFields(parseJsonLine(text))
        const type = fields.get('type')
        const rowMapper = typeof type === 'string' ? types.get(type) : mapper
        if (rowMapper === undefined) {
          return {
            line: lineNumber,
            error: `field "type": ${describeValue(type)} is not a record type of this export`,
          }
        }
        return { line: lineNumber, records: rowMapper === null ? [] : rowMapper.map(fields, chain) }
      } catch (error) {
        return rowError(error, lineNumber)
      }
    },
  }
}

function rowError(error: unknown, line: number): ParsedRow {
  if (isChainwatchError(error, 'import.row_invalid')) return { line, error: error.shortMessage }
  throw error
}

/** Drops a line break left by a caller that split on `\n` only, and a UTF-8 byte order mark. */
function trimLineEnd(line: string): string {
  const last = line.charCodeAt(line.length - 1)
  if (last !== 10 && last !== 13 && line.charCodeAt(0) !== 0xfeff) return line
  return line.replace(/^\ufeff/, '').replace(/\r?\n?$/, '')
}

/** True for an empty or whitespace-only line (checked cheaply: data lines start with data). */
function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')
}
