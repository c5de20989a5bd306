import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import type { RecordKind } from '../ParsedRow.js'
import { detectSource } from './detectSource.js'

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url))
const ethereumRoot = join(data, 'ethereum-etl-test-resources/tests/resources')
const bitcoinRoot = join(data, 'bitcoin-etl-test-resources/tests/resources')

function exportFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    if (statSync(path).isDirectory()) return exportFiles(path)
    return /^expected_.*\.(csv|json)$/.test(name) ? [path] : []
  })
}

const head = (path: string) => readFileSync(path, 'utf8').slice(0, 64 * 1024)
const kinds: readonly RecordKind[] = ['blocks', 'transactions', 'token_transfers', 'traces', 'logs']
const imported: ReadonlyMap<string, RecordKind> = new Map(kinds.map((kind) => [kind, kind]))

/**
 * What each test file holds, from its name (`expected_<kind>.<ext>`) and the exporter it comes
 * from. Detection then gets a neutral file name, so only the content can answer.
 */
function expectedOf(path: string, root: string) {
  const [, kind = '', extension] = /expected_(\w+)\.(csv|json)$/.exec(path) ?? []
  const recordKind = imported.get(kind)
  if (recordKind === undefined) return null
  const format =
    root === bitcoinRoot
      ? 'bitcoin-etl-json'
      : extension === 'csv'
        ? 'ethereum-etl-csv'
        : 'ethereum-etl-json'
  return { format, kind: recordKind }
}

const cases = [ethereumRoot, bitcoinRoot].flatMap((root) =>
  exportFiles(root)
    .filter((path) => statSync(path).size > 0)
    .map((path) => [relative(data, path), path, expectedOf(path, root)] as const),
)

describe('behavior: every test export, by content alone', () => {
  test('covers every kind', () => {
    const found = new Set(
      cases.map(([, , expected]) => expected && `${expected.format} ${expected.kind}`),
    )
    expect([...found].sort()).toMatchInlineSnapshot(`
      [
        "bitcoin-etl-json blocks",
        "bitcoin-etl-json transactions",
        "ethereum-etl-csv blocks",
        "ethereum-etl-csv logs",
        "ethereum-etl-csv token_transfers",
        "ethereum-etl-csv traces",
        "ethereum-etl-csv transactions",
        "ethereum-etl-json blocks",
        "ethereum-etl-json logs",
        "ethereum-etl-json token_transfers",
        "ethereum-etl-json traces",
        "ethereum-etl-json transactions",
        null,
      ]
    `)
  })

  test.each(cases)('%s', (_, path, expected) => {
    expect(detectSource({ fileName: 'export.dat', head: head(path) })).toEqual(expected)
  })

  test.each(cases)('with its real name: %s', (_, path, expected) => {
    expect(detectSource({ fileName: path, head: head(path) })).toEqual(expected)
  })
})

describe('behavior: file name fallback', () => {
  test.each([
    ['blocks.csv', { format: 'ethereum-etl-csv', kind: 'blocks' }],
    ['expected_transactions.json', { format: 'ethereum-etl-json', kind: 'transactions' }],
    ['/exports/token_transfers.csv', { format: 'ethereum-etl-csv', kind: 'token_transfers' }],
    ['C:\\exports\\traces.csv.gz', { format: 'ethereum-etl-csv', kind: 'traces' }],
    ['logs.json', { format: 'ethereum-etl-json', kind: 'logs' }],
    ['logs.jsonl', { format: 'ethereum-etl-json', kind: 'logs' }],
    ['blocks_00000000_00099999.csv', { format: 'ethereum-etl-csv', kind: 'blocks' }],
    ['Token_Transfers.CSV', { format: 'ethereum-etl-csv', kind: 'token_transfers' }],
    ['receipts.csv', null],
    ['blocks.txt', null],
    ['000000000000.json', null],
  ])('args: empty file named %s', (fileName, expected) => {
    expect(detectSource({ fileName, head: '' })).toEqual(expected)
    expect(detectSource({ fileName, head: '\n\n' })).toEqual(expected)
  })

  test('unknown columns: the name decides, the parser will report what is missing', () => {
    expect(detectSource({ fileName: 'transactions.csv', head: 'a,b,c\n1,2,3\n' })).toEqual({
      format: 'ethereum-etl-csv',
      kind: 'transactions',
    })
    expect(detectSource({ fileName: 'transactions.csv', head: '{"a": 1}\n' })).toEqual({
      format: 'ethereum-etl-json',
      kind: 'transactions',
    })
  })

  test('known content wins over the name', () => {
    const tokenTransfers = head(
      join(
        ethereumRoot,
        'test_export_token_transfers_job/block_with_transfers/expected_token_transfers.csv',
      ),
    )
    expect(detectSource({ fileName: 'blocks.csv', head: tokenTransfers })).toEqual({
      format: 'ethereum-etl-csv',
      kind: 'token_transfers',
    })
    const receipts = head(
      join(ethereumRoot, 'test_export_receipts_job/receipts_with_logs/expected_receipts.csv'),
    )
    expect(detectSource({ fileName: 'transactions.csv', head: receipts })).toBeNull()
  })
})

describe('behavior: content', () => {
  const streamTraces = head(
    join(ethereumRoot, 'test_stream/blocks_508110_508110/expected_traces.json'),
  )

  test('a first row cut short by the 64 KiB head', () => {
    const firstLine = streamTraces.split('\n')[0] ?? ''
    expect(firstLine.length).toBeGreaterThan(1000)
    expect(detectSource({ fileName: 'x', head: firstLine.slice(0, 1000) })).toEqual({
      format: 'ethereum-etl-json',
      kind: 'traces',
    })
  })

  test('bitcoin-etl and ethereum-etl blocks without a type field', () => {
    const bitcoin = head(
      join(bitcoinRoot, 'test_export_blocks_job/bitcoin/block_0/expected_blocks.json'),
    )
    const ethereum = head(
      join(
        ethereumRoot,
        'test_export_blocks_job/blocks_with_transactions_and_withdrawals/expected_blocks.json',
      ),
    )
    expect(bitcoin.includes('"type"') || ethereum.includes('"type"')).toBe(false)
    expect(detectSource({ fileName: 'blocks.json', head: bitcoin })?.format).toBe(
      'bitcoin-etl-json',
    )
    expect(detectSource({ fileName: 'blocks.json', head: ethereum })?.format).toBe(
      'ethereum-etl-json',
    )
  })

  test('a cut-short bitcoin transaction: the nested script "type" is not the row type', () => {
    const line = head(
      join(bitcoinRoot, 'test_export_blocks_job/bitcoin/block_0/expected_transactions.json'),
    )
    expect(detectSource({ fileName: 'x', head: line.slice(0, 700) })).toEqual({
      format: 'bitcoin-etl-json',
      kind: 'transactions',
    })
  })

  test('BigQuery column order and CSV quoting', () => {
    expect(
      detectSource({
        fileName: 'x',
        head: '"timestamp","number","hash","parent_hash","nonce","miner"\n',
      }),
    ).toEqual({ format: 'ethereum-etl-csv', kind: 'blocks' })
  })

  test.each([
    ['a binary file', '\u0000\u0000\u0000\u0001\ufffd\ufffd'],
    ['a JSON array', '[{"hash": "0x"}]'],
    ['a bitcoin blocks CSV', 'hash,size,number,merkle_root,timestamp,bits\n'],
    ['a stream contract row', '{"type": "contract", "address": "0x"}'],
    [
      'a UTF-8 BOM then receipts',
      '\ufefftransaction_hash,transaction_index,cumulative_gas_used,gas_used,status\n',
    ],
  ])('null for %s', (_, text) => {
    expect(detectSource({ fileName: 'blocks.csv', head: text })).toBeNull()
  })

  test('a UTF-8 BOM before a header', () => {
    const text = head(
      join(ethereumRoot, 'test_export_traces_job/block_with_error/expected_traces.csv'),
    )
    expect(detectSource({ fileName: 'x', head: `\ufeff${text}` })).toEqual({
      format: 'ethereum-etl-csv',
      kind: 'traces',
    })
  })
})
