import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { ParsedRecord, ParsedRow } from '../ParsedRow.js'
import { createRowParser } from './createRowParser.js'

const resources = new URL(
  '../../../../shared/data/ethereum-etl-test-resources/tests/resources/',
  import.meta.url,
)
const readLines = (path: string) => readFileSync(new URL(path, resources), 'utf8').split('\n')

// A real token transfer (test_export_token_transfers_job), as CSV and as a JSON stream row.
const [csvHeader = '', csvRow = ''] = readLines(
  'test_export_token_transfers_job/block_with_transfers/expected_token_transfers.csv',
)
const jsonRow =
  readLines('test_stream/blocks_17173049_17173050/expected_token_transfers.json')[0] ?? ''

function csvRowParser() {
  const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
  expect(parser.parse(csvHeader, 1)).toBeNull()
  return parser
}

function errorOf(row: ParsedRow | null): string | undefined {
  return row !== null && 'error' in row ? row.error : undefined
}

function recordsOf(row: ParsedRow | null): readonly ParsedRecord[] {
  if (row === null || !('records' in row))
    throw new Error(`expected records, got ${JSON.stringify(row)}`)
  return row.records
}

/** Replaces one CSV cell of the real row, by column name. */
function withCell(column: string, value: string): string {
  const names = csvHeader.split(',')
  return csvRow
    .split(',')
    .map((cell, index) => (names[index] === column ? value : cell))
    .join(',')
}

describe('errors: CSV rows', () => {
  test.each([
    [
      'bad address',
      withCell('from_address', '0xZZ63142628311395ceafeea5667e7c9026c862ca'),
      'column "from_address": "0xZZ63142628311395ceafeea5667e7c9026c862ca" is not a valid EVM address',
    ],
    [
      'short address',
      withCell('to_address', '0xac4df82f'),
      'column "to_address": "0xac4df82f" is not a valid EVM address',
    ],
    [
      'non-numeric value',
      withCell('value', '12x'),
      'column "value": "12x" is not a non-negative integer',
    ],
    [
      'negative value',
      withCell('value', '-5'),
      'column "value": "-5" is not a non-negative integer',
    ],
    [
      'float value',
      withCell('value', '1.5'),
      'column "value": "1.5" is not a non-negative integer',
    ],
    [
      'exponent value',
      withCell('value', '1e18'),
      'column "value": "1e18" is not a non-negative integer',
    ],
    [
      'value beyond uint256',
      withCell('value', '1'.padEnd(79, '0')),
      `column "value": "${'1'.padEnd(66, '0')}…" exceeds 2^256 - 1`,
    ],
    [
      'bad hash',
      withCell('transaction_hash', '0x04cb'),
      'column "transaction_hash": "0x04cb" is not a 0x-prefixed 32-byte hex hash',
    ],
    ['empty required cell', withCell('transaction_hash', ''), 'column "transaction_hash" is empty'],
    [
      'non-integer log index',
      withCell('log_index', 'one'),
      'column "log_index": "one" is not a non-negative integer',
    ],
    ['missing column', csvRow.split(',').slice(0, 6).join(','), 'expected 7 columns, got 6'],
    ['extra column', `${csvRow},1`, 'expected 7 columns, got 8'],
    [
      'unclosed quote',
      withCell('value', '"100000'),
      'invalid CSV (Quote Not Closed: the parsing is finished with an opening quote at line 1)',
    ],
  ])('error: %s', (_, line, reason) => {
    expect(errorOf(csvRowParser().parse(line, 2))).toBe(reason)
  })

  test('error: header lacks a required column', () => {
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
    const header = csvHeader.replace('value,', '')
    expect(parser.parse(header, 1)).toEqual({
      line: 1,
      error: 'invalid CSV header: missing column "value"',
    })
    expect(parser.parse(csvRow, 2)).toEqual({
      line: 2,
      error: 'not parsed: the CSV header is invalid (missing column "value")',
    })
  })

  test('error: header lacks several columns', () => {
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
    expect(errorOf(parser.parse('token_address,value', 1))).toBe(
      'invalid CSV header: missing columns "from_address", "to_address", "transaction_hash", "log_index", "block_number"',
    )
  })
})

/** Replaces one field of the real JSON row (as raw text, so big numbers stay exact). */
function withField(name: string, rawValue: string | undefined): string {
  const pattern = new RegExp(`"${name}": ("[^"]*"|[^,}]*)(, )?`)
  return jsonRow.replace(pattern, (_, __, comma: string | undefined) =>
    rawValue === undefined ? '' : `"${name}": ${rawValue}${comma ?? ''}`,
  )
}

describe('errors: JSON rows', () => {
  test.each([
    [
      'bad address',
      withField('token_address', '"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cZZ"'),
      'field "token_address": "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cZZ" is not a valid EVM address',
    ],
    [
      'numeric address',
      withField('from_address', '12'),
      'field "from_address": 12 is not a valid EVM address',
    ],
    [
      'non-numeric value',
      withField('value', '"12x"'),
      'field "value": "12x" is not a non-negative integer',
    ],
    [
      'negative value',
      withField('value', '-7056176614974947328'),
      'field "value": "-7056176614974947328" is not a non-negative integer',
    ],
    [
      'negative small value',
      withField('value', '-5'),
      'field "value": -5 is not a non-negative integer',
    ],
    ['float value', withField('value', '1.5'), 'field "value": 1.5 is not a non-negative integer'],
    [
      'float string value',
      withField('value', '"1.5"'),
      'field "value": "1.5" is not a non-negative integer',
    ],
    [
      'long float value',
      withField('value', '7056176614974947.328'),
      'field "value": "7056176614974947.328" is not a non-negative integer',
    ],
    ['null value', withField('value', 'null'), 'field "value" is null'],
    [
      'missing required field',
      withField('transaction_hash', undefined),
      'missing field "transaction_hash"',
    ],
    [
      'truncated line',
      jsonRow.slice(0, 200),
      'truncated or invalid JSON (Unterminated string in JSON at position 200)',
    ],
    [
      'truncated after a key',
      '{"type": "token_transfer", "value":',
      'truncated or invalid JSON (Unexpected end of JSON input)',
    ],
    ['not an object', '[1, 2]', 'expected a JSON object, got an array'],
    [
      'unknown type',
      withField('type', '"receipt"'),
      'field "type": "receipt" is not a record type of this export',
    ],
  ])('error: %s', (_, line, reason) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'token_transfers' })
    expect(errorOf(parser.parse(line, 7))).toBe(reason)
  })
})

describe('behavior: lines', () => {
  test('blank lines are skipped silently', () => {
    const csv = csvRowParser()
    const json = createRowParser({ format: 'ethereum-etl-json', kind: 'token_transfers' })
    for (const line of ['', ' ', '\t', '\r', '\n', '\r\n']) {
      expect(csv.parse(line, 3)).toBeNull()
      expect(json.parse(line, 3)).toBeNull()
    }
  })

  test('blank lines before the CSV header', () => {
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
    expect(parser.parse('', 1)).toBeNull()
    expect(parser.parse(csvHeader, 2)).toBeNull()
    expect(recordsOf(parser.parse(csvRow, 3))).toHaveLength(1)
  })

  test('CRLF line ends and a byte order mark', () => {
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
    expect(parser.parse(`\ufeff${csvHeader}\r\n`, 1)).toBeNull()
    const plain = csvRowParser().parse(csvRow, 2)
    expect(parser.parse(`${csvRow}\r`, 2)).toEqual(plain)
    expect(parser.parse(`${csvRow}\r\n`, 2)).toEqual(plain)
  })

  test('columns in any order', () => {
    const names = csvHeader.split(',')
    const cells = csvRow.split(',')
    const order = names.map((_, index) => index).reverse()
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'token_transfers' })
    parser.parse(order.map((index) => names[index]).join(','), 1)
    expect(parser.parse(order.map((index) => cells[index]).join(','), 2)).toEqual(
      csvRowParser().parse(csvRow, 2),
    )
  })

  test('uppercase hex is stored lowercase', () => {
    const upper = withCell('from_address', '0x1B63142628311395CEAFEEA5667E7C9026C862CA')
    expect(csvRowParser().parse(upper, 2)).toEqual(csvRowParser().parse(csvRow, 2))
  })
})

describe('behavior: BigQuery exports', () => {
  // BigQuery's JSON export writes INT64 and NUMERIC as strings and TIMESTAMP as a UTC date-time.
  test('strings for integers and a date-time timestamp read like the ethereum-etl row', () => {
    const bigQuery = jsonRow
      .replace(/"type": "token_transfer", /, '')
      .replace(/": (\d+)/g, '": "$1"')
      .replace(/"block_timestamp": "\d+"/, '"block_timestamp": "2023-05-02 12:19:59 UTC"')
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'token_transfers' })
    expect(parser.parse(bigQuery, 1)).toEqual(parser.parse(jsonRow, 1))
  })

  test.each([
    ['1683029999', 1683029999],
    ['"1683029999"', 1683029999],
    ['"2023-05-02 12:19:59 UTC"', 1683029999],
    ['"2023-05-02 12:19:59.000000 UTC"', 1683029999],
    ['"2023-05-02T12:19:59Z"', 1683029999],
  ])('args: block timestamp %s', (raw, time) => {
    const line = `{"number": "17173049", "hash": "0xaa5ab9bb22d8020d438496a7edb4eff508b1c5128b0dc01fdecf57f96aac1bb3", "timestamp": ${raw}}`
    const [record] = recordsOf(
      createRowParser({ format: 'ethereum-etl-json', kind: 'blocks' }).parse(line, 1),
    )
    expect(record?.type === 'block' && record.record.time).toBe(time)
  })

  test.each([['"2023-02-30 12:19:59 UTC"'], ['"yesterday"'], ['-1'], ['1.5']])(
    'error: block timestamp %s',
    (raw) => {
      const line = `{"number": 1, "hash": "0xaa5ab9bb22d8020d438496a7edb4eff508b1c5128b0dc01fdecf57f96aac1bb3", "timestamp": ${raw}}`
      expect(
        errorOf(createRowParser({ format: 'ethereum-etl-json', kind: 'blocks' }).parse(line, 1)),
      ).toBe(`field "timestamp": ${raw} is not a unix timestamp or a UTC date-time`)
    },
  )
})

describe('errors: parameters', () => {
  test('error: a kind the format does not have', () => {
    expect(() =>
      createRowParser({ format: 'bitcoin-etl-json', kind: 'token_transfers' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Cannot parse token_transfers rows of bitcoin-etl-json.

      Format: bitcoin-etl-json
      Kind: token_transfers
      Docs: docs/errors.md#import.format_unknown]
    `)
  })

  test('error: raw blocks', () => {
    expect(() =>
      createRowParser({ format: 'bitcoin-raw', kind: 'raw_blocks' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Cannot parse raw_blocks rows of bitcoin-raw.

      Format: bitcoin-raw
      Kind: raw_blocks
      Docs: docs/errors.md#import.format_unknown]
    `)
  })

  test('error: a chain of the other model', () => {
    expect(() =>
      createRowParser({ format: 'bitcoin-etl-json', kind: 'blocks', chain: 'ethereum' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: bitcoin-etl-json rows cannot be imported as ethereum.

      Format: bitcoin-etl-json
      Chain: ethereum
      Docs: docs/errors.md#input.invalid]
    `)
  })
})
