import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { ParsedRecord, ParsedRow } from '../ParsedRow.js'
import { createRowParser } from './createRowParser.js'
import { TRANSFER_TOPIC } from './mapLog.js'

const resources = new URL(
  '../../../../shared/data/ethereum-etl-test-resources/tests/resources/',
  import.meta.url,
)
const stream = 'test_stream/blocks_17173049_17173050/'
const dataLines = (path: string) =>
  readFileSync(new URL(path, resources), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

function recordsOf(row: ParsedRow | null): readonly ParsedRecord[] {
  if (row === null || !('records' in row))
    throw new Error(`expected records, got ${JSON.stringify(row)}`)
  return row.records
}

function parseLogs(lines: readonly string[]) {
  const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'logs' })
  return lines.flatMap((line, index) => recordsOf(parser.parse(line, index + 1)))
}

/** `txHash/logIndex → amount digits` of a token_transfers export, read from the text. */
function expectedTransfers(lines: readonly string[]): Map<string, string> {
  const transfers = new Map<string, string>()
  for (const line of lines) {
    const match = /"value": (\d+), "transaction_hash": "(0x[0-9a-f]{64})", "log_index": (\d+)/.exec(
      line,
    )
    if (match === null) throw new Error(`unexpected token transfer line ${line.slice(0, 80)}`)
    transfers.set(`${match[2]}/${match[3]}`, match[1] ?? '')
  }
  return transfers
}

describe('logs of blocks 17173049–17173050', () => {
  const logs = dataLines(`${stream}expected_logs.json`)
  const tokenTransfers = expectedTransfers(dataLines(`${stream}expected_token_transfers.json`))

  test('ERC-20 Transfer logs are exactly the non-ERC-721 rows of token_transfers', () => {
    const transfers = parseLogs(logs).flatMap((record) =>
      record.type === 'transfer' ? [record.record] : [],
    )
    // ethereum-etl's token_transfers also holds ERC-721 Transfers (4 topics, token id as value);
    // find those independently from the logs, as plain JSON (topics are strings).
    const erc721 = new Set(
      logs.flatMap((line) => {
        const log: { topics: string[]; transaction_hash: string; log_index: number } =
          JSON.parse(line)
        return log.topics[0] === TRANSFER_TOPIC && log.topics.length === 4
          ? [`${log.transaction_hash}/${log.log_index}`]
          : []
      }),
    )
    expect(tokenTransfers.size).toBe(291)
    expect(erc721.size).toBe(9)
    const expected = [...tokenTransfers].filter(([key]) => !erc721.has(key))
    expect(transfers).toHaveLength(282)
    expect(
      transfers.map((transfer) => [
        `${transfer.txHash}/${Number(transfer.position.slice(1))}`,
        transfer.amount.toString(),
      ]),
    ).toEqual(expected)
  })

  test('log transfers equal the token_transfers rows, plus the transaction index', () => {
    const fromLogs = parseLogs(logs)
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'token_transfers' })
    const byKey = new Map(
      dataLines(`${stream}expected_token_transfers.json`).flatMap((line, index) =>
        recordsOf(parser.parse(line, index + 1)).flatMap((record) =>
          record.type === 'transfer'
            ? [[`${record.record.txHash}${record.record.position}`, record.record] as const]
            : [],
        ),
      ),
    )
    for (const record of fromLogs) {
      if (record.type !== 'transfer') throw new Error('logs yield transfers only')
      const { txIndex, ...rest } = record.record
      expect(typeof txIndex).toBe('number')
      expect({ ...byKey.get(`${rest.txHash}${rest.position}`), txIndex }).toEqual(record.record)
    }
  })

  test('a log that is not a Transfer yields a row with no records', () => {
    const approval = logs.find((line) => !line.includes(TRANSFER_TOPIC)) ?? ''
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'logs' })
    expect(parser.parse(approval, 5)).toEqual({ line: 5, records: [] })
  })
})

describe('CSV logs', () => {
  test('logs.csv (test_extract_token_transfers_job): quoted topics', () => {
    const [header = '', ...rows] = dataLines('test_extract_token_transfers_job/logs/logs.csv')
    const parser = createRowParser({ format: 'ethereum-etl-csv', kind: 'logs' })
    parser.parse(header, 1)
    const records = rows.flatMap((row, index) => recordsOf(parser.parse(row, index + 2)))
    const expectedRow =
      dataLines('test_extract_token_transfers_job/logs/expected_token_transfers.csv')[1] ?? ''
    const [token, from, to, value, txHash, logIndex, blockNumber] = expectedRow.split(',')
    expect(records).toHaveLength(2)
    expect(records[0]).toEqual({
      type: 'transfer',
      record: {
        chain: 'ethereum',
        txHash,
        kind: 'token',
        position: `c${logIndex?.padStart(6, '0')}`,
        asset: token,
        from,
        to,
        amount: BigInt(value ?? ''),
        blockHeight: Number(blockNumber),
        txIndex: 0,
      },
    })
  })
})

describe('errors', () => {
  const transfer = dataLines(`${stream}expected_logs.json`)[0] ?? ''
  test.each([
    [
      'bad topic',
      transfer.replace(/"topics": \["(0x[0-9a-f]+)", "0x[0-9a-f]+"/, '"topics": ["$1", "0x12"'),
      'field "topics[1]": "0x12" is not a 32-byte hex topic',
    ],
    [
      'bad data',
      transfer.replace(/"data": "0x[0-9a-f]{64}"/, `"data": "0x${'z'.repeat(64)}"`),
      `field "data": "0x${'z'.repeat(64)}" is not 0x-prefixed hex`,
    ],
    [
      'topics not a list',
      transfer.replace(/"topics": \[[^\]]*\]/, '"topics": 7'),
      'field "topics": 7 is not a list of topics',
    ],
    ['missing topics', transfer.replace(/"topics": \[[^\]]*\], /, ''), 'missing field "topics"'],
    [
      'bad token address',
      transfer.replace(/"address": "0x[0-9a-f]{40}"/, '"address": "0x1"'),
      'field "address": "0x1" is not a valid EVM address',
    ],
  ])('error: %s', (_, line, reason) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'logs' })
    expect(parser.parse(line, 1)).toEqual({ line: 1, error: reason })
  })

  test.each([
    [
      'a 4-topic (ERC-721) Transfer',
      transfer.replace(/"topics": \[([^\]]*)\]/, `"topics": [$1, "0x${'0'.repeat(63)}1"]`),
    ],
    [
      'a Transfer with 64 data bytes',
      transfer.replace(/"data": "0x([0-9a-f]{64})"/, '"data": "0x$1$1"'),
    ],
    ['a Transfer with empty data', transfer.replace(/"data": "0x[0-9a-f]{64}"/, '"data": "0x"')],
    ['no topics', transfer.replace(/"topics": \[[^\]]*\]/, '"topics": []')],
  ])('skipped: %s', (_, line) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'logs' })
    expect(parser.parse(line, 1)).toEqual({ line: 1, records: [] })
  })
})
