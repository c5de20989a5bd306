import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { transferPosition } from '../../chain/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import { createRowParser } from './createRowParser.js'

const resources = new URL(
  '../../../../shared/data/ethereum-etl-test-resources/tests/resources/',
  import.meta.url,
)
const readText = (path: string) => readFileSync(new URL(path, resources), 'utf8')

type Outcome = { records: ParsedRecord[]; errors: string[] }

function parseTraces(path: string): Outcome {
  const format = path.endsWith('.csv') ? 'ethereum-etl-csv' : 'ethereum-etl-json'
  const parser = createRowParser({ format, kind: 'traces' })
  const outcome: Outcome = { records: [], errors: [] }
  readText(path)
    .split('\n')
    .forEach((line, index) => {
      const row = parser.parse(line, index + 1)
      if (row === null) return
      if ('error' in row) outcome.errors.push(row.error)
      else outcome.records.push(...row.records)
    })
  return outcome
}

/** The trace fields that decide value movement, as text (JSON numbers are read as digits). */
type TraceRow = {
  trace_type: string
  call_type: string
  value: string
  status: string
  error: string
  trace_address: string
  transaction_hash: string
  from_address: string
  to_address: string
}

function csvTraces(path: string): TraceRow[] {
  return parse(readText(path), { columns: true })
}

function jsonTraces(path: string): TraceRow[] {
  return readText(path)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const text = (field: string) =>
        new RegExp(`"${field}": (?:"([^"]*)"|(\\d+)|null)`)
          .exec(line)
          ?.slice(1)
          .find((v) => v !== undefined) ?? ''
      const path = /"trace_address": \[([^\]]*)\]/.exec(line)?.[1] ?? ''
      return {
        trace_type: text('trace_type'),
        call_type: text('call_type'),
        value: text('value'),
        status: text('status'),
        error: text('error'),
        trace_address: path.replaceAll(' ', ''),
        transaction_hash: text('transaction_hash'),
        from_address: text('from_address'),
        to_address: text('to_address'),
      }
    })
}

/** The rule, restated: successful call/create/suicide with value > 0 moves value. */
function movesValue(trace: TraceRow): boolean {
  const failed = trace.status === '' ? trace.error !== '' : trace.status === '0'
  return (
    ((trace.trace_type === 'call' && trace.call_type === 'call') ||
      trace.trace_type === 'create' ||
      trace.trace_type === 'suicide') &&
    trace.value !== '' &&
    BigInt(trace.value) > 0n &&
    !failed
  )
}

function expectedTransfers(traces: readonly TraceRow[]) {
  return traces.filter(movesValue).map((trace) => {
    const path = trace.trace_address === '' ? [] : trace.trace_address.split(',').map(Number)
    return {
      type: 'transfer',
      record: {
        chain: 'ethereum',
        txHash: trace.transaction_hash,
        kind: path.length === 0 ? 'native' : 'internal',
        position: path.length === 0 ? transferPosition.native() : transferPosition.internal(path),
        asset: 'native',
        from: trace.from_address,
        to: trace.to_address,
        amount: BigInt(trace.value),
        blockHeight: expect.any(Number),
        txIndex: expect.any(Number),
      },
    }
  })
}

describe('test_export_traces_job (parity traces, CSV)', () => {
  test.each([
    ['block_with_create'],
    ['block_with_error'],
    ['block_with_subtraces'],
    ['block_with_suicide'],
    ['block_without_transactions'],
  ])('%s', (block) => {
    const path = `test_export_traces_job/${block}/expected_traces.csv`
    const { records, errors } = parseTraces(path)
    expect(errors).toEqual([])
    expect(records).toEqual(expectedTransfers(csvTraces(path)))
  })

  test('a suicide sends the balance to the refund address, as an internal transfer', () => {
    const { records } = parseTraces('test_export_traces_job/block_with_suicide/expected_traces.csv')
    expect(records).toMatchInlineSnapshot(`
      [
        {
          "record": {
            "amount": 50000000000000000n,
            "asset": "native",
            "blockHeight": 1011973,
            "chain": "ethereum",
            "from": "0x474faa5018639791952fae334e2911700ac7fe9b",
            "kind": "internal",
            "position": "b00000",
            "to": "0x83973747eec131bf9a08ac64fb1a518e891bdf4b",
            "txHash": "0x91acb43c5f141c393a189e091c190c9ffb20e4e8a502e4cc3087be9587bdbc89",
            "txIndex": 0,
          },
          "type": "transfer",
        },
      ]
    `)
  })

  test('callcode moves nothing between accounts', () => {
    const path = 'test_export_traces_job/block_with_subtraces/expected_traces.csv'
    const callcode = csvTraces(path).filter((trace) => trace.call_type === 'callcode')
    expect(callcode).toHaveLength(1)
    expect(callcode[0]?.from_address).toBe(callcode[0]?.to_address)
    const { records } = parseTraces(path)
    expect(
      records.some((record) => record.type === 'transfer' && record.record.kind === 'internal'),
    ).toBe(false)
  })
})

describe('test_stream traces (JSON)', () => {
  test.each([['blocks_508110_508110'], ['blocks_2112234_2112234']])('%s', (block) => {
    const path = `test_stream/${block}/expected_traces.json`
    const { records, errors } = parseTraces(path)
    const traces = jsonTraces(path)
    expect(errors).toEqual([])
    // Block rewards are there but minted, outside any transaction: skipped.
    expect(traces.some((trace) => trace.trace_type === 'reward')).toBe(true)
    expect(records).toEqual(expectedTransfers(traces))
  })
})

describe('test_extract_geth_traces_job (CSV without transaction hashes)', () => {
  test.each([
    ['block_with_create'],
    ['block_with_error'],
    ['block_with_subtraces'],
    ['block_with_suicide'],
    ['block_without_transactions'],
  ])('%s: every value-moving trace is an error, the rest yield nothing', (block) => {
    const path = `test_extract_geth_traces_job/${block}/expected_traces.csv`
    const traces = csvTraces(path)
    expect(traces.every((trace) => trace.transaction_hash === '' && trace.status === '')).toBe(true)
    const { records, errors } = parseTraces(path)
    expect(records).toEqual([])
    expect(errors).toEqual(
      traces.filter(movesValue).map(() => 'column "transaction_hash" is empty'),
    )
  })
})

describe('behavior: trace address', () => {
  const line =
    readText('test_stream/blocks_508110_508110/expected_traces.json').split('\n')[1] ?? ''
  test.each([
    ['[]', transferPosition.native()],
    ['[0, 2, 1]', transferPosition.internal([0, 2, 1])],
    ['"0,2,1"', transferPosition.internal([0, 2, 1])],
    ['""', transferPosition.native()],
    ['null', transferPosition.native()],
  ])('args: %s', (raw, position) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'traces' })
    const row = parser.parse(line.replace('"trace_address": []', `"trace_address": ${raw}`), 1)
    expect(
      row !== null &&
        'records' in row &&
        row.records[0]?.type === 'transfer' &&
        row.records[0].record.position,
    ).toBe(position)
  })

  test.each([
    ['[0, -1]', 'field "trace_address": an array is not a list of non-negative integers'],
    ['"0,x"', 'field "trace_address": "0,x" is not a list of non-negative integers'],
    ['3', 'field "trace_address": 3 is not a list of non-negative integers'],
  ])('error: %s', (raw, reason) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'traces' })
    expect(parser.parse(line.replace('"trace_address": []', `"trace_address": ${raw}`), 1)).toEqual(
      { line: 1, error: reason },
    )
  })

  test.each([
    [
      '"trace_type": "call"',
      '"trace_type": "bogus"',
      'field "trace_type": "bogus" is not a known trace type',
    ],
    [
      '"call_type": "call"',
      '"call_type": "jump"',
      'field "call_type": "jump" is not a known call type',
    ],
  ])('error: %s → %s', (from, to, reason) => {
    const parser = createRowParser({ format: 'ethereum-etl-json', kind: 'traces' })
    expect(parser.parse(line.replace(from, to), 1)).toEqual({ line: 1, error: reason })
  })
})
