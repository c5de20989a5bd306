import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { NATIVE_ASSET, transferPosition } from '../../chain/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import type { CreateRowParserParameters } from './createRowParser.js'
import { parseExportLines } from './parseExportLines.js'

const resources = new URL(
  '../../../../shared/data/ethereum-etl-test-resources/tests/resources/',
  import.meta.url,
)
const stream = 'test_stream/blocks_17173049_17173050/'
const readText = (path: string) => readFileSync(new URL(path, resources), 'utf8')

async function parseFile(parameters: CreateRowParserParameters, path: string) {
  const records: ParsedRecord[] = []
  const errors: string[] = []
  let rows = 0
  for await (const row of parseExportLines(parameters, readText(path).split('\n'))) {
    rows += 1
    if ('error' in row) errors.push(`${row.line}: ${row.error}`)
    else records.push(...row.records)
  }
  return { rows, records, errors }
}

function transfersOf(records: readonly ParsedRecord[]) {
  return records.flatMap((record) => (record.type === 'transfer' ? [record.record] : []))
}

/** Digits of a numeric JSON field, straight from the text, so no float ever appears. */
function digitsOf(line: string, field: string): string {
  const match = new RegExp(`"${field}": (\\d+)`).exec(line)
  if (match?.[1] === undefined) throw new Error(`no ${field} in ${line.slice(0, 80)}`)
  return match[1]
}

function stringOf(line: string, field: string): string | null {
  return new RegExp(`"${field}": "([^"]*)"`).exec(line)?.[1] ?? null
}

const dataLines = (path: string) =>
  readText(path)
    .split('\n')
    .filter((line) => line !== '')

describe('test_stream blocks 17173049–17173050', () => {
  test('blocks', async () => {
    const { rows, records, errors } = await parseFile(
      { format: 'ethereum-etl-json', kind: 'blocks' },
      `${stream}expected_blocks.json`,
    )
    const lines = dataLines(`${stream}expected_blocks.json`)
    expect(errors).toEqual([])
    expect(rows).toBe(2)
    expect(records).toEqual(
      lines.map((line) => ({
        type: 'block',
        record: {
          chain: 'ethereum',
          height: Number(digitsOf(line, 'number')),
          hash: stringOf(line, 'hash'),
          parentHash: stringOf(line, 'parent_hash'),
          time: Number(digitsOf(line, 'timestamp')),
          txCount: Number(digitsOf(line, 'transaction_count')),
        },
      })),
    )
  })

  test('token transfers: 291, with exact per-asset sums', async () => {
    const path = `${stream}expected_token_transfers.json`
    const { records, errors } = await parseFile(
      { format: 'ethereum-etl-json', kind: 'token_transfers' },
      path,
    )
    expect(errors).toEqual([])
    const transfers = transfersOf(records)
    expect(transfers).toHaveLength(291)

    const expected = new Map<string, bigint>()
    for (const line of dataLines(path)) {
      const asset = stringOf(line, 'token_address') ?? ''
      expected.set(asset, (expected.get(asset) ?? 0n) + BigInt(digitsOf(line, 'value')))
    }
    const actual = new Map<string, bigint>()
    for (const transfer of transfers) {
      actual.set(transfer.asset, (actual.get(transfer.asset) ?? 0n) + transfer.amount)
    }
    expect(actual).toEqual(expected)
    // Amounts beyond 2^53 survive exactly (the second row's value is 1.5 × 10^29).
    expect(transfers[1]?.amount).toBe(BigInt(digitsOf(dataLines(path)[1] ?? '', 'value')))
    expect(
      transfers.every((transfer) => transfer.kind === 'token' && transfer.txIndex === null),
    ).toBe(true)
  })

  test('transactions: 298, native transfers for value-moving successful ones', async () => {
    const path = `${stream}expected_transactions.json`
    const { records, errors } = await parseFile(
      { format: 'ethereum-etl-json', kind: 'transactions' },
      path,
    )
    expect(errors).toEqual([])
    const transactions = records.flatMap((record) =>
      record.type === 'transaction' ? [record.record] : [],
    )
    const transfers = transfersOf(records)
    const lines = dataLines(path)
    expect(transactions).toHaveLength(298)

    const moving = lines.filter(
      (line) => digitsOf(line, 'value') !== '0' && !line.includes('"receipt_status": 0'),
    )
    expect(transfers).toHaveLength(moving.length)
    expect(transfers.reduce((sum, transfer) => sum + transfer.amount, 0n)).toBe(
      moving.reduce((sum, line) => sum + BigInt(digitsOf(line, 'value')), 0n),
    )
    expect(
      transfers.every(
        (transfer) =>
          transfer.kind === 'native' &&
          transfer.asset === NATIVE_ASSET &&
          transfer.position === transferPosition.native(),
      ),
    ).toBe(true)

    const fees = lines.map(
      (line) =>
        BigInt(digitsOf(line, 'receipt_gas_used')) *
        BigInt(digitsOf(line, 'receipt_effective_gas_price')),
    )
    expect(transactions.map((transaction) => transaction.fee)).toEqual(fees)
    expect(transactions.map((transaction) => transaction.success)).toEqual(
      lines.map((line) => !line.includes('"receipt_status": 0')),
    )
  })

  test('a reverted transaction moves no value', async () => {
    const path = `${stream}expected_transactions.json`
    const reverted = dataLines(path).filter((line) => line.includes('"receipt_status": 0'))
    expect(reverted.length).toBeGreaterThan(0)
    const { records } = await parseFile({ format: 'ethereum-etl-json', kind: 'transactions' }, path)
    for (const line of reverted) {
      const hash = stringOf(line, 'hash')
      expect(
        records.filter((record) => record.type === 'transfer' && record.record.txHash === hash),
      ).toEqual([])
    }
  })

  test('one file mixing stream types', async () => {
    const lines = ['blocks', 'transactions', 'token_transfers', 'logs'].flatMap((kind) =>
      dataLines(`${stream}expected_${kind}.json`),
    )
    const counts = new Map<string, number>()
    let errors = 0
    for await (const row of parseExportLines(
      { format: 'ethereum-etl-json', kind: 'blocks' },
      lines,
    )) {
      if ('error' in row) errors += 1
      else
        for (const record of row.records)
          counts.set(record.type, (counts.get(record.type) ?? 0) + 1)
    }
    const nativeTransfers = dataLines(`${stream}expected_transactions.json`).filter(
      (line) => digitsOf(line, 'value') !== '0' && !line.includes('"receipt_status": 0'),
    ).length
    const erc20Logs = dataLines(`${stream}expected_logs.json`).filter(
      (line) =>
        /"topics": \["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "0x[0-9a-f]{64}", "0x[0-9a-f]{64}"\]/.test(
          line,
        ) && /"data": "0x[0-9a-f]{64}"/.test(line),
    ).length
    // WETH9 Deposit/Withdrawal logs: a mint or burn transfer and a weth swap each.
    const wraps = dataLines(`${stream}expected_logs.json`).filter(
      (line) =>
        line.includes('"address": "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"') &&
        /"topics": \["0x(e1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c|7fcf532c15f0a6db0bd6d0e038bea71d30d808c7d98cb3bf7268a95bf5081b65)"/.test(
          line,
        ),
    ).length
    expect(errors).toBe(0)
    expect(Object.fromEntries(counts)).toEqual({
      block: 2,
      transaction: 298,
      transfer: nativeTransfers + 291 + erc20Logs + wraps,
      swap: wraps,
      'swap-log': dataLines(`${stream}expected_logs.json`).filter((line) =>
        /"topics": \["0x(d78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822|c42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67)"/.test(
          line,
        ),
      ).length,
    })
  })
})

describe('CSV and JSON parity (test_export_blocks_job)', () => {
  const dir = 'test_export_blocks_job/blocks_with_transactions_and_withdrawals/'
  test.each([['blocks'], ['transactions']] as const)('%s', async (kind) => {
    const csv = await parseFile({ format: 'ethereum-etl-csv', kind }, `${dir}expected_${kind}.csv`)
    const json = await parseFile(
      { format: 'ethereum-etl-json', kind },
      `${dir}expected_${kind}.json`,
    )
    expect(csv.errors).toEqual([])
    expect(json.errors).toEqual([])
    expect(csv.records.length).toBeGreaterThan(0)
    expect(csv.records).toEqual(json.records)
  })

  test('receipts_with_logs: logs', async () => {
    const dir = 'test_export_receipts_job/receipts_with_logs/'
    const csv = await parseFile(
      { format: 'ethereum-etl-csv', kind: 'logs' },
      `${dir}expected_logs.csv`,
    )
    const json = await parseFile(
      { format: 'ethereum-etl-json', kind: 'logs' },
      `${dir}expected_logs.json`,
    )
    expect(csv.errors).toEqual([])
    expect(csv.records).toHaveLength(2)
    expect(csv.records).toEqual(json.records)
  })
})

describe('ethereum-etl CSV exports', () => {
  test('genesis block: no parent', async () => {
    const { records } = await parseFile(
      { format: 'ethereum-etl-csv', kind: 'blocks' },
      'test_export_blocks_job/block_without_transactions/expected_blocks.csv',
    )
    expect(records).toMatchInlineSnapshot(`
      [
        {
          "record": {
            "chain": "ethereum",
            "hash": "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3",
            "height": 0,
            "parentHash": null,
            "time": 0,
            "txCount": 0,
          },
          "type": "block",
        },
      ]
    `)
  })

  test('transactions without receipts: fee unknown, value moved', async () => {
    const path = 'test_export_blocks_job/blocks_with_transactions/expected_transactions.csv'
    const { records, errors } = await parseFile(
      { format: 'ethereum-etl-csv', kind: 'transactions' },
      path,
    )
    expect(errors).toEqual([])
    expect(records).toHaveLength(8)
    expect(records.slice(0, 2)).toMatchInlineSnapshot(`
      [
        {
          "record": {
            "blockHash": "0x889c421abc62a48641eee140519e6da8c9dc01d85d8f5c4fbc3c13e3c6e4cb3e",
            "blockHeight": 47218,
            "chain": "ethereum",
            "fee": null,
            "from": "0x1406854d149e081ac09cb4ca560da463f3123059",
            "hash": "0x99f1097abd8f33a68f0ed63d60de5f3e7e2a3e0579b90d5f46a4f201c658b46d",
            "index": 0,
            "success": true,
            "to": "0xa0e74ae010d51894734c308d612131056bb721ad",
            "value": 110000000000000000000n,
          },
          "type": "transaction",
        },
        {
          "record": {
            "amount": 110000000000000000000n,
            "asset": "native",
            "blockHeight": 47218,
            "chain": "ethereum",
            "from": "0x1406854d149e081ac09cb4ca560da463f3123059",
            "kind": "native",
            "position": "a",
            "to": "0xa0e74ae010d51894734c308d612131056bb721ad",
            "txHash": "0x99f1097abd8f33a68f0ed63d60de5f3e7e2a3e0579b90d5f46a4f201c658b46d",
            "txIndex": 0,
          },
          "type": "transfer",
        },
      ]
    `)
  })

  test('empty file', async () => {
    const path = 'test_export_blocks_job/block_without_transactions/expected_transactions.csv'
    expect(await parseFile({ format: 'ethereum-etl-csv', kind: 'transactions' }, path)).toEqual({
      rows: 0,
      records: [],
      errors: [],
    })
  })
})

describe('behavior: line numbers', () => {
  test('every line counts, header and blank lines included; async sources work', async () => {
    const path = 'test_export_token_transfers_job/block_with_transfers/expected_token_transfers.csv'
    const [header = '', row = ''] = readText(path).split('\n')
    async function* lines() {
      yield* ['', header, row, '', row]
    }
    const rows = []
    for await (const parsed of parseExportLines(
      { format: 'ethereum-etl-csv', kind: 'token_transfers' },
      lines(),
    )) {
      rows.push('error' in parsed ? parsed.error : parsed.line)
    }
    expect(rows).toEqual([3, 5])
  })
})
