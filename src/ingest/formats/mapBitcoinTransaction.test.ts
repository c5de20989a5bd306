import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { InputRecord, OutputRecord, TransactionRecord } from '../../chain/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import { createRowParser } from './createRowParser.js'

const resources = new URL(
  '../../../../shared/data/bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin/',
  import.meta.url,
)
const dataLines = (path: string) =>
  readFileSync(new URL(path, resources), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

/** The exported rows as plain JSON: satoshi amounts are safe integers, so this is exact. */
type ExportedTransaction = {
  hash: string
  index: number
  is_coinbase: boolean
  inputs: { value: number | null }[]
  outputs: { index: number; value: number; addresses: string[]; type: string }[]
}

function parseTransactions(path: string) {
  const parser = createRowParser({ format: 'bitcoin-etl-json', kind: 'transactions' })
  const records: ParsedRecord[] = []
  for (const [index, line] of dataLines(path).entries()) {
    const row = parser.parse(line, index + 1)
    if (row === null || 'error' in row) throw new Error(`line ${index + 1}: ${JSON.stringify(row)}`)
    records.push(...row.records)
  }
  return {
    transactions: records.flatMap((r): TransactionRecord[] =>
      r.type === 'transaction' ? [r.record] : [],
    ),
    outputs: records.flatMap((r): OutputRecord[] => (r.type === 'output' ? [r.record] : [])),
    inputs: records.flatMap((r): InputRecord[] => (r.type === 'input' ? [r.record] : [])),
  }
}

describe.each([
  ['block_0'],
  ['block_1'],
  ['block_without_transactions'],
  ['block_with_transactions'],
  ['stream_50001_50002'],
])('%s', (dir) => {
  const path = `${dir}/expected_transactions.json`
  const exported: ExportedTransaction[] = dataLines(path).map((line) => JSON.parse(line))
  const { transactions, outputs, inputs } = parseTransactions(path)

  test('one transaction per row, valued at its outputs', () => {
    expect(transactions.map((t) => [t.hash, t.index, t.value])).toEqual(
      exported.map((t) => [
        t.hash,
        t.index,
        t.outputs.reduce((sum, o) => sum + BigInt(o.value), 0n),
      ]),
    )
  })

  test('outputs: count, values and addresses', () => {
    const expected = exported.flatMap((t) =>
      t.outputs.map((o) => [t.hash, o.index, BigInt(o.value), o.addresses[0]]),
    )
    expect(outputs.map((o) => [o.txHash, o.index, o.value, o.address])).toEqual(expected)
  })

  test('inputs: one per input, and one for each coinbase', () => {
    const expected = exported.reduce((sum, t) => sum + (t.is_coinbase ? 1 : t.inputs.length), 0)
    expect(inputs).toHaveLength(expected)
    const coinbases = inputs.filter((input) => input.spentTxHash === null)
    expect(coinbases.map((input) => input.txHash)).toEqual(
      exported.filter((t) => t.is_coinbase).map((t) => t.hash),
    )
  })

  test('fee: zero for a coinbase, inputs − outputs when input values are known, else null', () => {
    expect(transactions.map((t) => t.fee)).toEqual(
      exported.map((t) => {
        if (t.is_coinbase) return 0n
        if (t.inputs.some((input) => input.value === null)) return null
        const inputs = t.inputs.reduce((sum, input) => sum + BigInt(input.value ?? 0), 0n)
        return inputs - t.outputs.reduce((sum, o) => sum + BigInt(o.value), 0n)
      }),
    )
  })
})

describe('behavior', () => {
  test('genesis coinbase', () => {
    expect(parseTransactions('block_0/expected_transactions.json')).toMatchInlineSnapshot(`
      {
        "inputs": [
          {
            "address": null,
            "blockHeight": 0,
            "chain": "bitcoin",
            "index": 0,
            "spentOutputIndex": null,
            "spentTxHash": null,
            "txHash": "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
            "txIndex": 0,
            "value": null,
          },
        ],
        "outputs": [
          {
            "address": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "blockHeight": 0,
            "chain": "bitcoin",
            "index": 0,
            "scriptType": "p2pk",
            "txHash": "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
            "txIndex": 0,
            "value": 5000000000n,
          },
        ],
        "transactions": [
          {
            "blockHash": "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
            "blockHeight": 0,
            "chain": "bitcoin",
            "fee": 0n,
            "from": null,
            "hash": "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
            "index": 0,
            "success": true,
            "to": null,
            "value": 5000000000n,
          },
        ],
      }
    `)
  })

  test('an enriched input carries the spent address and value', () => {
    const { inputs } = parseTransactions('stream_50001_50002/expected_transactions.json')
    expect(inputs.filter((input) => input.spentTxHash !== null)[0]).toMatchInlineSnapshot(`
      {
        "address": "1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPae",
        "blockHeight": 50001,
        "chain": "bitcoin",
        "index": 0,
        "spentOutputIndex": 0,
        "spentTxHash": "76a8d70a757be5055f60be076b683897cadaad6b7bdf78c43e39b9d59cb4a6ea",
        "txHash": "7940cdde4d713e171849efc6bd89939185be270266c94e92369e3877ad89455a",
        "txIndex": 1,
        "value": 5000000000n,
      }
    `)
  })
})

describe('addresses and script types', () => {
  const row = dataLines('block_with_transactions/expected_transactions.json')[1] ?? ''
  const output = (type: string, scriptHex: string, addresses: string) =>
    row.replace(
      /"outputs": \[\{.*\}\], "input_count"/,
      `"outputs": [{"index": 0, "script_hex": "${scriptHex}", "type": "${type}", "addresses": ${addresses}, "value": 10000000000}], "input_count"`,
    )
  const first = (line: string) => {
    const parsed = createRowParser({ format: 'bitcoin-etl-json', kind: 'transactions' }).parse(
      line,
      1,
    )
    if (parsed === null || 'error' in parsed) return parsed
    const record = parsed.records.find((r) => r.type === 'output')
    return record?.type === 'output' ? [record.record.scriptType, record.record.address] : null
  }
  const key =
    '04c1b5671c8975087cc796d6ea73d2407591528b5c669106f9b6ab6ef6e373a57553e14866aaeffc44a9f58e5ee0c7faa7add7474f0a2c55a22cb40b949fdc933c'

  test.each([
    [
      'pubkeyhash',
      '76a914b5cd7aaed869cd5ccb45868e8666e7e934a2373688ac',
      '["1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ"]',
      ['p2pkh', '1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ'],
    ],
    [
      'witness_v0_keyhash',
      '0014751e76e8199196d454941c45d1b3a323f1433bd6',
      '["BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"]',
      ['p2wpkh', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ],
    [
      'pubkey',
      `41${key}ac`,
      '["1PkqKGbNLDdDJGveCcNUMV9CEFH77ADrPQ"]',
      ['p2pk', '1PkqKGbNLDdDJGveCcNUMV9CEFH77ADrPQ'],
    ],
    [
      'nonstandard',
      '6a0b68656c6c6f20776f726c64',
      '["nonstandard0ad2ecbe4a4e1bd33fd70d0ab2d85e8a6d3ca1ae"]',
      ['nulldata', null],
    ],
    [
      'nonstandard',
      `41${key}ac`,
      '["nonstandard1ad2ecbe4a4e1bd33fd70d0ab2d85e8a6d3ca1ae"]',
      ['p2pk', null],
    ],
    [
      'nonstandard',
      `5141${key}41${key}52ae`,
      '["nonstandard2ad2ecbe4a4e1bd33fd70d0ab2d85e8a6d3ca1ae"]',
      ['multisig', null],
    ],
    [
      'nonstandard',
      '01ff',
      '["nonstandard3ad2ecbe4a4e1bd33fd70d0ab2d85e8a6d3ca1ae"]',
      ['nonstandard', null],
    ],
    [
      'multisig',
      `5141${key}41${key}52ae`,
      '["1PkqKGbNLDdDJGveCcNUMV9CEFH77ADrPQ", "1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ"]',
      ['multisig', null],
    ],
    ['nulldata', '6a00', '[]', ['nulldata', null]],
    ['witness_unknown', '5202beef', '[]', ['witness_unknown', null]],
  ])('args: %s %s', (type, scriptHex, addresses, expected) => {
    expect(first(output(type, scriptHex, addresses))).toEqual(expected)
  })

  test.each([
    [
      'pubkeyhash',
      '["1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHx"]',
      'field "outputs[0].addresses": "1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHx" is not a bitcoin address (invalid base58check checksum)',
    ],
    [
      'pubkeyhash',
      '"1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ"',
      'field "outputs[0].addresses": "1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ" is not an array',
    ],
    ['p2pkh', '[]', 'field "outputs[0].type": "p2pkh" is not a known script type'],
  ])('error: %s %s', (type, addresses, reason) => {
    expect(first(output(type, '76a9', addresses))).toEqual({ line: 1, error: reason })
  })
})

describe('errors', () => {
  const row = dataLines('stream_50001_50002/expected_transactions.json')[1] ?? ''
  test.each([
    [
      'bad hash',
      row.replace(/"hash": "7940/, '"hash": "zz40'),
      'field "hash": "zz40cdde4d713e171849efc6bd89939185be270266c94e92369e3877ad89455a" is not a 32-byte hex hash',
    ],
    [
      'bad output value',
      row.replace('"value": 10000000000}', '"value": 1.5}'),
      'field "outputs[0].value": 1.5 is not a non-negative integer',
    ],
    [
      'output total mismatch',
      row.replace('"output_value": 10000000000', '"output_value": 9'),
      'field "output_value": 9 is not the sum of the output values (10000000000)',
    ],
    [
      'inputs below outputs',
      row.replace('"value": 5000000000}', '"value": 4000000000}'),
      'field "inputs": input values total 9000000000, less than the outputs\' 10000000000',
    ],
    [
      'no inputs',
      row.replace(/"inputs": \[.*\], "outputs"/, '"inputs": [], "outputs"'),
      'field "inputs" is empty for a non-coinbase transaction',
    ],
    [
      'input not an object',
      row.replace(/"inputs": \[.*\], "outputs"/, '"inputs": [7], "outputs"'),
      'field "inputs[0]": 7 is not an object',
    ],
    [
      'input without spent hash',
      row.replace('"spent_transaction_hash": "76a8', '"spent_transaction_hash": null, "x": "'),
      'field "inputs[0].spent_transaction_hash" is null',
    ],
    [
      'is_coinbase not a boolean',
      row.replace('"is_coinbase": false', '"is_coinbase": "no"'),
      'field "is_coinbase": "no" is not a boolean',
    ],
  ])('error: %s', (_, line, reason) => {
    expect(line).not.toBe(row)
    const parser = createRowParser({ format: 'bitcoin-etl-json', kind: 'transactions' })
    expect(parser.parse(line, 3)).toEqual({ line: 3, error: reason })
  })
})

describe('blocks', () => {
  test.each([['block_0'], ['block_1'], ['block_with_transactions'], ['stream_50001_50002']])(
    '%s',
    (dir) => {
      const lines = dataLines(`${dir}/expected_blocks.json`)
      const parser = createRowParser({ format: 'bitcoin-etl-json', kind: 'blocks' })
      const records = lines.flatMap((line, index) => {
        const row = parser.parse(line, index + 1)
        return row !== null && 'records' in row ? row.records : []
      })
      expect(records).toEqual(
        lines.map((line) => {
          const block: {
            hash: string
            number: number
            timestamp: number
            transaction_count: number
          } = JSON.parse(line)
          return {
            type: 'block',
            record: {
              chain: 'bitcoin',
              height: block.number,
              hash: block.hash,
              parentHash: null,
              time: block.timestamp,
              txCount: block.transaction_count,
            },
          }
        }),
      )
    },
  )
})

describe('behavior: BigQuery crypto_bitcoin rows (no `index`)', () => {
  const row = dataLines('stream_50001_50002/expected_transactions.json')[1] ?? ''
  const coinbaseRow = dataLines('stream_50001_50002/expected_transactions.json')[0] ?? ''

  const parse = (line: string) =>
    createRowParser({ format: 'bitcoin-etl-json', kind: 'transactions' }).parse(line, 1)

  test('default: the transaction index is null, a coinbase is 0', () => {
    const parsed = parse(row.replace('"index": 1, ', ''))
    const coinbase = parse(coinbaseRow.replace('"index": 0, ', ''))
    if (parsed === null || 'error' in parsed) throw new Error('expected records')
    if (coinbase === null || 'error' in coinbase) throw new Error('expected records')
    const txIndexes = (records: readonly ParsedRecord[]) =>
      records.flatMap((r) => (r.type === 'output' || r.type === 'input' ? [r.record.txIndex] : []))
    expect(new Set(txIndexes(parsed.records))).toEqual(new Set([null]))
    expect(new Set(txIndexes(coinbase.records))).toEqual(new Set([0]))
  })
})
