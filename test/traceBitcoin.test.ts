import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type InputRecord,
  type OutputRecord,
  readBlockFileAsync,
  type TransactionRecord,
} from '../src/chain/index.js'
import { openStore } from '../src/store/index.js'
import {
  cli,
  createTestDatabaseUrl,
  sharedData,
  type TestDatabaseUrl,
  testDialects,
} from './harness.js'

const blocksFile = sharedData('bitcoin-blocks/btcd_blocks1-256.bz2')
/** Block 9's coinbase: the 50 BTC Satoshi sent 10 of to Hal Finney in block 170. */
const BLOCK_9_COINBASE = '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9'
const HAL_FINNEY = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'
const btc = (coins: bigint) => coins * 100_000_000n

describe.each(testDialects)('%s: chainwatch trace --chain bitcoin', (dialect) => {
  let db: TestDatabaseUrl
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    const run = await cli(db.url, ['--json', 'import', blocksFile])
    expect(run.code).toBe(0)
    const blocks = [...(await readBlockFileAsync(blocksFile))].length
    expect(blocks).toBe(255)
    expect(JSON.parse(run.stdout).files[0].inserted.blocks).toBe(blocks)
  })
  afterAll(() => db.dispose())

  test('default: haircut from block 9 coinbase gives Hal Finney 10 BTC; re-runs reproduce the SHA-256', async () => {
    const args = [
      '--json',
      'trace',
      '--chain',
      'bitcoin',
      '--from-tx',
      `${BLOCK_9_COINBASE}:0`,
      '--policy',
      'haircut',
    ]
    const run = await cli(db.url, args)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const trace = JSON.parse(run.stdout)
    expect(trace.manifest.seeds).toEqual([
      { kind: 'output', chain: 'bitcoin', txHash: BLOCK_9_COINBASE, outputIndex: 0 },
    ])
    const hal = trace.result.holdings.find((h: { address: string }) => h.address === HAL_FINNEY)
    expect(hal).toMatchObject({ held: btc(10n).toString(), received: btc(10n).toString() })
    expect(trace.result.totals.seeded).toBe(btc(50n).toString())
    // Every spend in blocks 1–255 spends an output in the file: nothing is skipped.
    expect(trace.manifest).toMatchObject({ skipped: 0, lostSpends: 0, policy: 'haircut' })
    expect(trace.manifest.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.parse((await cli(db.url, args)).stdout).manifest.sha256).toBe(trace.manifest.sha256)
  })

  test('behavior: an address seed keeps its case (base58 is case-sensitive)', async () => {
    const run = await cli(db.url, [
      '--json',
      'trace',
      '--chain',
      'bitcoin',
      '--from',
      `${HAL_FINNEY}@0`,
    ])
    expect(run.code).toBe(0)
    const trace = JSON.parse(run.stdout)
    expect(trace.manifest.seeds[0].address).toBe(HAL_FINNEY)
    const hal = trace.result.holdings.find((h: { address: string }) => h.address === HAL_FINNEY)
    expect(hal).toMatchObject({ seeded: btc(10n).toString() })
  })

  test('error: a --from-tx output index that is not a number', async () => {
    const run = await cli(db.url, [
      'trace',
      '--chain',
      'bitcoin',
      '--from-tx',
      `${BLOCK_9_COINBASE}:x`,
    ])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('TXID[:OUTPUT_INDEX]')
  })
})

const hex = (n: number) => n.toString(16).padStart(64, '0')

function transaction(n: number): TransactionRecord {
  return {
    chain: 'bitcoin',
    hash: hex(n),
    blockHeight: n,
    blockHash: null,
    index: 0,
    from: null,
    to: null,
    value: 0n,
    fee: null,
    success: true,
  }
}

function output(n: number, address: string): OutputRecord {
  const base = { chain: 'bitcoin', txHash: hex(n), blockHeight: n, txIndex: 0 } as const
  return { ...base, index: 0, address, value: 1_000n, scriptType: 'p2pkh' }
}

function input(n: number, spent: number, value: bigint | null): InputRecord {
  const base = { chain: 'bitcoin', txHash: hex(n), blockHeight: n, txIndex: 0 } as const
  return { ...base, index: 0, spentTxHash: hex(spent), spentOutputIndex: 0, address: null, value }
}

describe.each(testDialects)('%s: bitcoin trace with unknown input values', (dialect) => {
  let db: TestDatabaseUrl
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    const store = await openStore(db.url)
    // 1 is seeded; 2 spends it with a value still unknown (taint lost); 3 spends an output the
    // store never saw (clean); 4 spends 1 again with its value known.
    await store.writeBatch({
      blocks: [],
      transactions: [1, 2, 3, 4].map(transaction),
      outputs: [output(1, 'A'), output(2, 'B'), output(3, 'C'), output(4, 'D')],
      inputs: [input(2, 1, null), input(3, 99, null), input(4, 1, 1_000n)],
      transfers: [],
    })
    await store.close()
  })
  afterAll(() => db.dispose())

  test('behavior: transactions with an unknown input are skipped; those spending taint are counted as lost', async () => {
    const run = await cli(db.url, ['--json', 'trace', '--chain', 'bitcoin', '--from-tx', hex(1)])
    expect(run.stderr).toBe('')
    const trace = JSON.parse(run.stdout)
    expect(trace.manifest).toMatchObject({ events: 2, skipped: 2, lostSpends: 1 })
    expect(trace.result.totals.seeded).toBe('1000')
  })
})
