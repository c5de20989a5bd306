import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Block } from 'bitcoinjs-lib'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  cli,
  createTestDatabaseUrl,
  sharedData,
  statsOf,
  type TestDatabaseUrl,
  testDialects,
} from './harness.js'

const btcBlocks = [
  sharedData(
    'bitcoin-blocks/btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk',
  ),
  sharedData(
    'bitcoin-blocks/btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
  ),
]
const ethDir = sharedData(
  'ethereum-etl-test-resources/tests/resources/test_stream/blocks_17173049_17173050',
)
const ethFiles = [
  'expected_blocks.json',
  'expected_transactions.json',
  'expected_token_transfers.json',
].map((f) => `${ethDir}/${f}`)

/** Expected figures read from the raw blocks with an independent decoder (bitcoinjs-lib). */
function expectedBitcoin() {
  let transactions = 0
  let inputs = 0
  let outputs = 0
  let sum = 0n
  for (const file of btcBlocks) {
    const block = Block.fromBuffer(readFileSync(file))
    for (const tx of block.transactions ?? []) {
      transactions++
      inputs += tx.ins.length
      outputs += tx.outs.length
      for (const out of tx.outs) sum += out.value
    }
  }
  return { transactions, inputs, outputs, sum }
}

/** Pulls `"field": digits` out of JSON lines as text, so no amount ever passes through a float. */
function digitsOf(line: string, field: string): string {
  const match = new RegExp(`"${field}": (\\d+|null)`).exec(line)
  if (!match?.[1]) throw new Error(`no ${field} in ${line.slice(0, 80)}`)
  return match[1]
}

function expectedEthereum() {
  const txLines = readFileSync(`${ethDir}/expected_transactions.json`, 'utf8').trim().split('\n')
  let eth = 0n
  let nativeTransfers = 0
  for (const line of txLines) {
    const value = BigInt(digitsOf(line, 'value'))
    if (value > 0n && digitsOf(line, 'receipt_status') === '1') {
      eth += value
      nativeTransfers++
    }
  }
  const tokenLines = readFileSync(`${ethDir}/expected_token_transfers.json`, 'utf8')
    .trim()
    .split('\n')
  const tokens: Record<string, bigint> = {}
  for (const line of tokenLines) {
    const token = /"token_address": "(0x[0-9a-f]{40})"/.exec(line)?.[1] ?? ''
    tokens[token] = (tokens[token] ?? 0n) + BigInt(digitsOf(line, 'value'))
  }
  return {
    transactions: txLines.length,
    tokenTransfers: tokenLines.length,
    eth,
    nativeTransfers,
    tokens,
  }
}

describe.each(testDialects)('%s: import', (dialect) => {
  let db: TestDatabaseUrl
  beforeEach(() => {
    db = createTestDatabaseUrl(dialect)
  })
  afterEach(async () => {
    await db.dispose()
  })

  test('bitcoin: mainnet blocks #540107 and #574200 give exactly their counts and output sum', async () => {
    const run = await cli(db.url, ['import', ...btcBlocks])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const expected = expectedBitcoin()
    expect(expected.transactions).toBe(230 + 3315)
    const { bitcoin } = await statsOf(db.url)
    expect(bitcoin).toMatchObject({
      blocks: 2,
      transactions: expected.transactions,
      inputs: expected.inputs,
      outputs: expected.outputs,
      native_transfers: 0,
      token_transfers: 0,
      assets: { BTC: expected.sum.toString() },
    })
  })

  test('ethereum: blocks 17173049-17173050 give 298 transactions, 291 token transfers, exact sums', async () => {
    const first = await cli(db.url, ['--json', 'import', ...ethFiles])
    expect(first.code).toBe(0)
    const expected = expectedEthereum()
    expect(expected).toMatchObject({ transactions: 298, tokenTransfers: 291 })
    const { ethereum } = await statsOf(db.url)
    expect(ethereum).toMatchObject({
      blocks: 2,
      transactions: 298,
      native_transfers: expected.nativeTransfers,
      token_transfers: 291,
    })
    const assets = (ethereum?.assets ?? {}) as Record<string, string>
    expect(assets.ETH).toBe(expected.eth.toString())
    const tokenSums = Object.fromEntries(
      Object.entries(expected.tokens).map(([k, v]) => [k, v.toString()]),
    )
    expect(Object.fromEntries(Object.entries(assets).filter(([k]) => k !== 'ETH'))).toEqual(
      tokenSums,
    )

    // Importing the same files again changes nothing.
    const again = await cli(db.url, ['--json', 'import', ...ethFiles])
    expect(again.code).toBe(0)
    const summaries = JSON.parse(again.stdout).files as { inserted: Record<string, number> }[]
    for (const summary of summaries)
      expect(Object.values(summary.inserted).every((n) => n === 0)).toBe(true)
    expect((await statsOf(db.url)).ethereum).toEqual(ethereum)
  })
})

test('args: a directory imports the files in it', async () => {
  const db = createTestDatabaseUrl('sqlite')
  try {
    const run = await cli(db.url, ['--json', 'import', ethDir])
    expect(run.code).toBe(0)
    const kinds = (JSON.parse(run.stdout).files as { kind: string }[]).map((f) => f.kind)
    expect(kinds).toEqual(['blocks', 'logs', 'token_transfers', 'transactions'])
    // logs.json adds the 61 WETH9 Deposit/Withdrawal logs of these blocks as mint/burn
    // transfers (ethereum-etl's token_transfers has no row for them), counted here from the file.
    const wraps = readFileSync(join(ethDir, 'expected_logs.json'), 'utf8')
      .split('\n')
      .filter(
        (line) =>
          line.includes('"address": "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"') &&
          /"topics": \["0x(e1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c|7fcf532c15f0a6db0bd6d0e038bea71d30d808c7d98cb3bf7268a95bf5081b65)"/.test(
            line,
          ),
      ).length
    expect(wraps).toBe(61)
    expect((await statsOf(db.url)).ethereum).toMatchObject({
      transactions: 298,
      token_transfers: 291 + wraps,
    })
  } finally {
    await db.dispose()
  }
})
