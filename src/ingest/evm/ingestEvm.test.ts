import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { ChainBatch } from '../../chain/index.js'
import { isChainwatchError } from '../../errors/index.js'
import { openStore, type Store } from '../../store/index.js'
import { createRowParser } from '../formats/index.js'
import type { ParsedRecord, RecordKind } from '../ParsedRow.js'
import { ingestEvm } from './ingestEvm.js'
import {
  type RpcAnswer,
  type RpcCallSeen,
  replayRecorded,
  startTestRpcServer,
  type TestRpcServer,
} from './testRpcServer.js'

// Mainnet blocks 1755634 (empty) and 1755635 (a token transfer and an ETH payment), as recorded
// by ethereum-etl's stream test, with ethereum-etl's own export of them beside the answers.
const recorded = fileURLToPath(
  new URL(
    '../../../../shared/data/ethereum-etl-test-resources/tests/resources/test_stream/blocks_1755634_1755635/',
    import.meta.url,
  ),
)
const fixed = { eth_chainId: '0x1', eth_blockNumber: '0x1ac9f3' }

let server: TestRpcServer
let store: Store
const notices: string[] = []
beforeEach(async () => {
  store = await openStore('sqlite::memory:')
  notices.length = 0
})
afterEach(async () => {
  await server?.close()
  await store.close()
})

async function serve(answer: (call: RpcCallSeen) => RpcAnswer) {
  server = await startTestRpcServer(answer)
}

const ingest = (fromBlock: number, toBlock: number) =>
  ingestEvm(
    { store },
    {
      rpcUrl: server.url,
      fromBlock,
      toBlock,
      batchSize: 1,
      retries: 0,
      onNotice: (message) => notices.push(message),
    },
  )

/** ethereum-etl's export of the same blocks, read by the file importer. */
function exported(file: string, kind: RecordKind): ParsedRecord[] {
  const parser = createRowParser({ format: 'ethereum-etl-json', kind })
  return readFileSync(`${recorded}${file}`, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      const row = parser.parse(line, i + 1)
      if (row === null) return []
      if ('error' in row) throw new Error(row.error)
      return row.records
    })
}
const ofType = <T extends ParsedRecord['type']>(records: ParsedRecord[], type: T) =>
  records.flatMap((r) =>
    r.type === type ? [r.record as Extract<ParsedRecord, { type: T }>['record']] : [],
  )

test('default: recorded mainnet answers give what ethereum-etl exported', async () => {
  await serve(replayRecorded([recorded], fixed))
  const writeBatch = vi.spyOn(store, 'writeBatch')
  const summary = await ingest(1755634, 1755635)

  expect(summary).toMatchObject({
    chain: 'ethereum',
    chainId: 1,
    source: 'rpc:ethereum',
    startedAt: 1755634,
    blocks: 2,
    transactions: 2,
    transfers: { native: 1, internal: 0, token: 1 },
    swaps: 0,
    bridgeDeposits: 0,
    // The recording has neither eth_getBlockReceipts nor any trace method.
    receiptsMethod: 'eth_getTransactionReceipt',
    tracesMethod: null,
    inserted: { blocks: 2, transactions: 2, transfers: 2 },
  })
  expect(notices.join('\n')).toContain('warning: no trace method')

  const batches: ChainBatch[] = writeBatch.mock.calls.map(([batch]) => batch)
  expect(writeBatch.mock.calls.map(([, checkpoint]) => checkpoint)).toEqual([
    expect.objectContaining({ source: 'rpc:ethereum', position: 1755635 }),
    expect.objectContaining({ source: 'rpc:ethereum', position: 1755636 }),
  ])
  const blocks = batches.flatMap((b) => b.blocks)
  const transactions = batches.flatMap((b) => b.transactions)
  const transfers = batches.flatMap((b) => b.transfers)

  expect(blocks).toEqual(ofType(exported('expected_blocks.json', 'blocks'), 'block'))
  // Status (pre-Byzantium: none, so success), fee = gas used × effective gas price, index, hash.
  const etlTransactions = exported('expected_transactions.json', 'transactions')
  expect(transactions).toEqual(ofType(etlTransactions, 'transaction'))
  expect(transactions.map((t) => t.fee)).toEqual([
    36418n * 20_000_000_000n,
    21000n * 20_000_000_000n,
  ])
  // The export's token transfers carry no transaction index (the store fills it in).
  const etlTransfers = [
    ...ofType(etlTransactions, 'transfer'),
    ...ofType(exported('expected_token_transfers.json', 'token_transfers'), 'transfer').map(
      (t) => ({ ...t, txIndex: 0 }),
    ),
  ]
  expect(transfers).toEqual(
    etlTransfers.sort(
      (a, b) => (a.txIndex ?? 0) - (b.txIndex ?? 0) || a.position.localeCompare(b.position),
    ),
  )
})

test('behavior: a restart of the same command resumes after the last committed block', async () => {
  await serve(replayRecorded([recorded], fixed))
  await ingest(1755634, 1755634)
  server.calls.length = 0
  const summary = await ingest(1755634, 1755635)
  expect(summary).toMatchObject({ startedAt: 1755635, blocks: 1, transactions: 2 })
  expect(notices).toContain("resuming at block 1755635 (after the store's block 1755634)")
  const blocksFetched = server.calls
    .filter((c) => c.method === 'eth_getBlockByNumber')
    .map((c) => c.params[0])
  // The stored tip is checked against the node's block at its height, then only new blocks.
  expect(new Set(blocksFetched)).toEqual(new Set(['0x1ac9f2', '0x1ac9f3']))

  const done = await ingest(1755634, 1755635)
  expect(done).toMatchObject({ startedAt: null, blocks: 0 })
})

describe('errors', () => {
  test('error: a node whose block does not link to its own block before it (lying, not a reorganisation) is rpc.malformed; the store keeps what it had', async () => {
    const replay = replayRecorded([recorded], fixed)
    await serve(replay)
    await ingest(1755634, 1755634)
    await server.close()
    const lie = `0x${'ab'.repeat(32)}`
    await serve((call) => {
      const answer = replay(call)
      if (call.method !== 'eth_getBlockByNumber' || call.params[0] !== '0x1ac9f3') return answer
      if (!('result' in answer)) return answer
      return { result: { ...(answer.result as object), parentHash: lie } }
    })
    const error = await ingest(1755634, 1755635).catch((e: unknown) => e)
    expect(isChainwatchError(error, 'rpc.malformed')).toBe(true)
    expect(String(error)).toContain(`The node's block 1755635 names parent ${lie}`)
    expect(await store.tip('ethereum')).toMatchObject({ height: 1755634 })
    expect((await store.stats())[0]).toMatchObject({ blocks: 1 })
    expect(await store.checkpoint('rpc:ethereum')).toBe(1755635)
  })

  test('error: answers from another fork (receipt of another block) are rpc.malformed', async () => {
    const replay = replayRecorded([recorded], fixed)
    await serve((call) => {
      const answer = replay(call)
      if (call.method !== 'eth_getTransactionReceipt' || !('result' in answer)) return answer
      return { result: { ...(answer.result as object), blockHash: `0x${'ee'.repeat(32)}` } }
    })
    const error = await ingest(1755635, 1755635).catch((e: unknown) => e)
    expect(isChainwatchError(error, 'rpc.malformed')).toBe(true)
    expect(String(error)).toContain("The node's answers for block 1755635 disagree.")
    expect(await store.checkpoint('rpc:ethereum')).toBe(0)
  })

  test('error: --to past the node’s head is refused before anything is fetched', async () => {
    await serve(replayRecorded([recorded], fixed))
    const error = await ingest(1755634, 1755640).catch((e: unknown) => e)
    expect(isChainwatchError(error, 'input.invalid')).toBe(true)
    expect(String(error)).toContain("--to 1755640 is past the node's latest block 1755635.")
  })

  test('error: a block the node does not have is rpc.malformed naming the block', async () => {
    await serve((call) =>
      call.method === 'eth_getBlockByNumber'
        ? { result: null }
        : replayRecorded([recorded], fixed)(call),
    )
    const error = await ingest(1755635, 1755635).catch((e: unknown) => e)
    expect(isChainwatchError(error, 'rpc.malformed')).toBe(true)
    expect(String(error)).toContain('eth_getBlockByNumber found no block 1755635.')
  })
})
