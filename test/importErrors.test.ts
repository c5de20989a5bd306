import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  cli,
  createTestDatabaseUrl,
  statsOf,
  type TestDatabaseUrl,
  testDialects,
} from './harness.js'

const header = 'token_address,from_address,to_address,value,transaction_hash,log_index,block_number'
const token = '0xf4eced2f682ce333f96f2d8966c613ded8fc95dd'
const alice = '0x1b63142628311395ceafeea5667e7c9026c862ca'
const bob = '0xac4df82fe37ea2187bc8c011a23d743b4f39019a'
const txHash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const good = (n: number) => `${token},${alice},${bob},${1000 + n},${txHash(n)},${n},483920`

/** A token_transfers CSV with good rows and one of each kind of bad row, at known lines. */
const csvLines = [
  header, // line 1
  good(1), // 2
  `${token},0xZZ63142628311395ceafeea5667e7c9026c862ca,${bob},5,${txHash(2)},2,483920`, // 3 bad address
  `${token},${alice},${bob},12x,${txHash(3)},3,483920`, // 4 non-numeric value
  `${token},${alice},${bob},7,${txHash(4)},4`, // 5 wrong column count
  good(5), // 6
]
const transactionLine = (n: number) =>
  `{"type": "transaction", "hash": "${txHash(n)}", "nonce": 1, "transaction_index": ${n}, "from_address": "${alice}", "to_address": "${bob}", "value": 10000000000000000000000, "gas": 21000, "gas_price": 1, "input": "0x", "block_timestamp": 1683029999, "block_number": 17173049, "block_hash": "0xaa5ab9bb22d8020d438496a7edb4eff508b1c5128b0dc01fdecf57f96aac1bb3", "receipt_gas_used": 21000, "receipt_status": 1, "receipt_effective_gas_price": 1}`
const jsonLines = [transactionLine(0), transactionLine(1).slice(0, 120), transactionLine(2)]

describe.each(testDialects)('%s: malformed rows', (dialect) => {
  let db: TestDatabaseUrl
  let dir: string
  let csv: string
  let json: string
  beforeEach(() => {
    db = createTestDatabaseUrl(dialect)
    dir = mkdtempSync(join(tmpdir(), 'cw-bad-'))
    csv = join(dir, 'token_transfers.csv')
    json = join(dir, 'transactions.json')
    writeFileSync(csv, `${csvLines.join('\n')}\n`)
    writeFileSync(json, `${jsonLines.join('\n')}\n`)
  })
  afterEach(async () => {
    await db.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  test('default: good rows land, bad rows are reported with file, line and reason', async () => {
    const run = await cli(db.url, ['import', csv, json])
    expect(run.code).toBe(0)
    const reported = run.stderr
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replaceAll(dir, '<dir>'))
    expect(reported).toMatchInlineSnapshot(`
      [
        "  <dir>/token_transfers.csv:3: column "from_address": "0xZZ63142628311395ceafeea5667e7c9026c862ca" is not a valid EVM address",
        "  <dir>/token_transfers.csv:4: column "value": "12x" is not a non-negative integer",
        "  <dir>/token_transfers.csv:5: expected 7 columns, got 6",
        "  <dir>/transactions.json:2: truncated or invalid JSON (Unterminated string in JSON at position 120)",
      ]
    `)
    expect(run.stdout).toContain('3 bad rows')
    expect(run.stdout).toMatch(/transactions\.json .*, 1 bad row$/m)
    const { ethereum } = await statsOf(db.url)
    expect(ethereum).toMatchObject({ transactions: 2, token_transfers: 2, native_transfers: 2 })
  })

  test('--json: the summary counts bad rows per file', async () => {
    const run = await cli(db.url, ['--json', 'import', csv, json])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as {
      files: { badRows: number; errors: { line: number }[] }[]
    }
    expect(result.files.map((f) => f.badRows)).toEqual([3, 1])
    expect(result.files.map((f) => f.errors.map((e) => e.line))).toEqual([[3, 4, 5], [2]])
  })

  test('--strict: stops at the first bad row and writes nothing of its batch', async () => {
    const run = await cli(db.url, ['import', '--strict', csv])
    expect(run.code).toBe(4)
    expect(run.stderr.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(`
      "Error: Import of <dir>/token_transfers.csv stopped at line 3: column "from_address": "0xZZ63142628311395ceafeea5667e7c9026c862ca" is not a valid EVM address

      File: <dir>/token_transfers.csv
      Line: 3
      Reason: column "from_address": "0xZZ63142628311395ceafeea5667e7c9026c862ca" is not a valid EVM address
      Docs: docs/errors.md#import.failed
      "
    `)
    expect(await statsOf(db.url)).toEqual({})
  })

  test('error: a missing file fails before anything is written', async () => {
    const run = await cli(db.url, ['import', csv, join(dir, 'nope.csv')])
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('Cannot read')
    expect(await statsOf(db.url)).toEqual({})
  })

  test('error: an unrecognisable file names itself', async () => {
    const other = join(dir, 'notes.txt')
    writeFileSync(other, 'hello, world\nthis is not an export\n')
    const run = await cli(db.url, ['import', other])
    expect(run.code).toBe(2)
    expect(run.stderr.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(`
      "Error: Cannot tell the format of <dir>/notes.txt.

      File: <dir>/notes.txt
      Docs: docs/errors.md#import.format_unknown
      Details: Expected an ethereum-etl / BigQuery crypto_ethereum export (blocks, transactions, token_transfers, traces, logs as CSV or JSON lines), a bitcoin-etl export (JSON lines), or raw Bitcoin blocks; use --format and --kind to force one.
      "
    `)
  })
})
