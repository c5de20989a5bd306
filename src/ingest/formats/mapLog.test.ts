import { readFileSync } from 'node:fs'
import { encodeAbiParameters, parseAbiParameters } from 'viem'
import { describe, expect, test } from 'vitest'
import { createBatchBuilder } from '../batchRows.js'
import {
  DEPOSIT_TOPIC,
  SWAP_V2_TOPIC,
  SWAP_V3_TOPIC,
  UNWRAP_TOPIC,
  WRAP_TOPIC,
} from '../evm/decodeEvmLog.js'
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

const keyOf = (line: string) => {
  const log: { transaction_hash: string; log_index: number } = JSON.parse(line)
  return `${log.transaction_hash}/${log.log_index}`
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

const WETH9 = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'

/** `txHash/logIndex` of WETH9 Deposit/Withdrawal logs, found as plain JSON. */
function wrapKeys(logs: readonly string[]): Set<string> {
  return new Set(
    logs.flatMap((line) => {
      const log: {
        address: string
        topics: string[]
        transaction_hash: string
        log_index: number
      } = JSON.parse(line)
      const wrap = log.topics[0] === WRAP_TOPIC || log.topics[0] === UNWRAP_TOPIC
      return wrap && log.address === WETH9 ? [`${log.transaction_hash}/${log.log_index}`] : []
    }),
  )
}

describe('logs of blocks 17173049–17173050', () => {
  const logs = dataLines(`${stream}expected_logs.json`)
  const tokenTransfers = expectedTransfers(dataLines(`${stream}expected_token_transfers.json`))
  const wraps = wrapKeys(logs)

  test('ERC-20 Transfer logs are exactly the non-ERC-721 rows of token_transfers', () => {
    // WETH9 wraps are recorded too (checked below); ethereum-etl has no row for them.
    const transfers = parseLogs(logs).flatMap((record) =>
      record.type === 'transfer' &&
      !wraps.has(`${record.record.txHash}/${Number(record.record.position.slice(1))}`)
        ? [record.record]
        : [],
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
      // Swap logs and wraps are pinned down below; a bridge deposit these blocks do not hold.
      if (record.type === 'swap-log' || record.type === 'swap') continue
      if (record.type !== 'transfer') throw new Error(`unexpected ${record.type} record`)
      if (wraps.has(`${record.record.txHash}/${Number(record.record.position.slice(1))}`)) continue
      const { txIndex, ...rest } = record.record
      expect(typeof txIndex).toBe('number')
      expect({ ...byKey.get(`${rest.txHash}${rest.position}`), txIndex }).toEqual(record.record)
    }
  })

  test('each WETH9 Deposit/Withdrawal becomes a mint or burn transfer and a weth swap of its amount', () => {
    expect(wraps.size).toBe(61)
    const records = parseLogs(logs.filter((line) => wraps.has(keyOf(line))))
    expect(records).toHaveLength(2 * wraps.size)
    for (const line of logs.filter((l) => wraps.has(keyOf(l)))) {
      const log: { topics: string[]; data: string; transaction_hash: string; log_index: number } =
        JSON.parse(line)
      const account = `0x${(log.topics[1] ?? '').slice(26)}`
      const amount = BigInt(log.data)
      const unwrap = log.topics[0] === UNWRAP_TOPIC
      const [transfer, swap] = parseLogs([line])
      expect(transfer).toEqual({
        type: 'transfer',
        record: expect.objectContaining({
          asset: WETH9,
          from: unwrap ? account : WETH9,
          to: unwrap ? WETH9 : account,
          amount,
        }),
      })
      expect(swap).toEqual({
        type: 'swap',
        record: expect.objectContaining({
          protocol: 'weth',
          pool: WETH9,
          recipient: account,
          tokenIn: unwrap ? WETH9 : 'native',
          tokenOut: unwrap ? 'native' : WETH9,
          amountIn: amount,
          amountOut: amount,
        }),
      })
    }
  })

  test('a Deposit(address,uint256) from any other contract is not read as a wrap', () => {
    const line = logs.find((l) => l.includes(WRAP_TOPIC)) ?? ''
    const other = line.replace(`"address": "${WETH9}"`, `"address": "0x${'12'.repeat(20)}"`)
    expect(other).not.toBe(line)
    expect(parseLogs([other])).toEqual([])
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

const SWAP_TOPICS = new RegExp(`"topics": \\["(${SWAP_V2_TOPIC}|${SWAP_V3_TOPIC})"`)

describe('Swap and Deposit logs', () => {
  const logs = dataLines(`${stream}expected_logs.json`)

  test('real blocks 17173049–17173050: every Uniswap V2/V3 Swap log is read, and the batch finds its tokens in the transaction’s transfers', () => {
    const swapLines = logs.filter((line) => SWAP_TOPICS.test(line))
    const batch = createBatchBuilder()
    batch.add(parseLogs(logs))
    // WETH wraps are swaps of their own (tested above): these are the DEX pools' swaps.
    const swaps = (batch.take().swaps ?? []).filter((swap) => swap.protocol !== 'weth')
    const read = parseLogs(swapLines)
    expect(read.every((record) => record.type === 'swap-log')).toBe(true)
    expect(read).toHaveLength(swapLines.length)
    // Some swaps have no matching legs in their transaction (fee-on-transfer tokens, pools paid
    // earlier): those are left out, never guessed.
    expect(swaps.length).toBeGreaterThan(0)
    expect(swaps.length).toBeLessThanOrEqual(swapLines.length)
    // Each resolved swap's legs are transfers of ethereum-etl's own token_transfers export.
    const lines = dataLines(`${stream}expected_token_transfers.json`)
    for (const swap of swaps) {
      const legs = lines.filter((line) => line.includes(swap.txHash))
      const intoPool = legs.find(
        (line) =>
          line.includes(`"to_address": "${swap.pool}"`) &&
          line.includes(`"token_address": "${swap.tokenIn}"`) &&
          line.includes(`"value": ${swap.amountIn},`),
      )
      const outOfPool = legs.find(
        (line) =>
          line.includes(`"from_address": "${swap.pool}"`) &&
          line.includes(`"token_address": "${swap.tokenOut}"`) &&
          line.includes(`"value": ${swap.amountOut},`),
      )
      expect(intoPool, `${swap.txHash} in-leg`).toBeDefined()
      expect(outOfPool, `${swap.txHash} out-leg`).toBeDefined()
    }
  })

  test('a THORChain-router Deposit log becomes a bridge deposit whose depositor the store fills in', () => {
    const vault = '0x00000000000000000000000000000000000000aa'
    const router = '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146'
    const topic = (address: string) => `0x${address.slice(2).padStart(64, '0')}`
    const row = {
      log_index: 7,
      transaction_hash: `0x${'ab'.repeat(32)}`,
      transaction_index: 3,
      block_number: 20_000_000,
      address: router,
      data: encodeAbiParameters(parseAbiParameters('uint256, string'), [
        10n ** 18n,
        '=:BTC.BTC:bc1qdest',
      ]),
      topics: [DEPOSIT_TOPIC, topic(vault), topic('0x0000000000000000000000000000000000000000')],
    }
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'logs' })
    expect(recordsOf(parser.parse(JSON.stringify(row), 1))).toEqual([
      {
        type: 'bridge-deposit',
        record: {
          chain: 'ethereum',
          txHash: row.transaction_hash,
          blockHeight: 20_000_000,
          txIndex: 3,
          position: 'c000007',
          router,
          vault,
          depositor: null,
          asset: 'native',
          amount: 10n ** 18n,
          memo: '=:BTC.BTC:bc1qdest',
        },
      },
    ])
    const broken = { ...row, data: '0x1234' }
    expect(recordsOf(parser.parse(JSON.stringify(broken), 2))).toEqual([])
  })
})
