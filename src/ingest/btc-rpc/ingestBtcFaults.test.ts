import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { sharedData } from '../../../test/harness.js'
import { ChainwatchError } from '../../errors/index.js'
import { liveCheckpointSource, openStore, type Store } from '../../store/index.js'
import {
  type RpcAnswer,
  type RpcCallSeen,
  startTestRpcServer,
  type TestRpcServer,
} from '../evm/testRpcServer.js'
import { createBitcoinRpcClient } from './bitcoinRpcClient.js'
import { ingestBtc } from './ingestBtc.js'
import { loadBitcoinRecorded, replayBitcoinRecorded } from './testReplay.js'

const resources = sharedData(
  'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin',
)
const recorded = loadBitcoinRecorded(
  ['block_without_transactions', 'block_with_transactions'].map((name) => join(resources, name)),
)
const replay = replayBitcoinRecorded(recorded, { getblockcount: 50002 })
const HASH_50002 = '000000002066d7f9b134c30b5005b7bf5fbfa52f279883f1fde793dcdc964266'
const HASH_50001 = '000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141'

let server: TestRpcServer
let store: Store
beforeEach(async () => {
  store = await openStore('sqlite::memory:')
})
afterEach(async () => {
  await server?.close()
  await store.close()
})

/** Serves the recordings, except where `fault` answers first (it sees the call and its ordinal). */
async function serve(fault: (call: RpcCallSeen, nth: number) => RpcAnswer | undefined) {
  const seen = new Map<string, number>()
  server = await startTestRpcServer((call) => {
    const nth = (seen.get(call.method) ?? 0) + 1
    seen.set(call.method, nth)
    return fault(call, nth) ?? replay(call)
  })
}

/** A client that does not wait between retries, with a short timeout. */
const client = (url = server.url) =>
  createBitcoinRpcClient({ url, timeoutMs: 300, retries: 3, sleep: async () => undefined })

const run = async (parameters: { fromBlock?: number; toBlock?: number; batchSize?: number } = {}) =>
  ingestBtc(
    { store },
    { rpcUrl: server.url, rpc: await client(), verbosity: 2, fromBlock: 50000, ...parameters },
  )

async function storedHeights(): Promise<number[]> {
  const heights: number[] = []
  for (const h of [50000, 50001, 50002])
    if ((await store.blockHash('bitcoin', h)) !== null) heights.push(h)
  return heights
}

async function failure(promise: Promise<unknown>): Promise<ChainwatchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ChainwatchError)
  return error as ChainwatchError
}

test('a timeout, a 429, a busy node (503 work queue) and a warming-up node are retried', async () => {
  await serve((call, nth) => {
    if (call.method !== 'getblock') return undefined
    if (nth === 1) return { hang: true }
    if (nth === 2) return { http: 429, body: 'Too Many Requests' }
    if (nth === 3) return { http: 503, body: 'Work queue depth exceeded' }
    if (nth === 4) return { error: { code: -28, message: 'Loading block index…' } }
    return undefined
  })
  const summary = await run()
  expect(summary).toMatchObject({ blocks: 3, transactions: 5, retries: 4 })
  expect(await storedHeights()).toEqual([50000, 50001, 50002])
})

test('malformed JSON on every try: rpc.malformed naming the method and heights, store untouched', async () => {
  await serve((call) =>
    call.method === 'getblockhash' ? { http: 200, body: '[{"result":"00' } : undefined,
  )
  const error = await failure(run())
  expect(error.code).toBe('rpc.malformed')
  expect(error.message).toMatch(
    /^getblockhash ×3 for block 50000–50002 failed: the response is not valid JSON\n/,
  )
  expect(error.meta).toMatchObject({ method: 'getblockhash', heights: '50000–50002', attempts: 4 })
  expect(await storedHeights()).toEqual([])
  expect(await store.checkpoint(liveCheckpointSource('bitcoin'))).toBe(0)
})

test('a block missing fields: rpc.malformed for that block; earlier batches stay committed', async () => {
  await serve((call) => {
    if (call.method !== 'getblock' || call.params[0] !== HASH_50002) return undefined
    const block = replay(call) as { result: { tx: Record<string, unknown>[] } }
    const { vout: _dropped, ...tx } = block.result.tx[0] as Record<string, unknown>
    return { result: { ...block.result, tx: [tx] } }
  })
  const error = await failure(run({ batchSize: 2 }))
  expect(error.code).toBe('rpc.malformed')
  expect(error.message).toMatch(
    /^getblock for block 50002 returned an unexpected result: tx\.0\.vout: /,
  )
  expect(error.meta).toMatchObject({ method: 'getblock', height: 50002 })
  expect(await storedHeights()).toEqual([50000, 50001])
  expect(await store.checkpoint(liveCheckpointSource('bitcoin'))).toBe(50002)
})

test('a node error answer that retrying cannot fix fails at once with its code', async () => {
  await serve((call) =>
    call.method === 'getblock'
      ? { error: { code: -1, message: 'Block not available (pruned data)' } }
      : undefined,
  )
  const error = await failure(run())
  expect(error.message).toMatch(
    /^getblock for block 50000 failed: error -1: Block not available \(pruned data\)\n/,
  )
  expect(error.meta).toMatchObject({ code: -1, attempts: 1 })
})

test('blocks that do not link up within a range are fetched again, then refused; nothing written', async () => {
  await serve((call) => {
    if (call.method !== 'getblock' || call.params[0] !== HASH_50002) return undefined
    const block = replay(call) as { result: Record<string, unknown> }
    return { result: { ...block.result, previousblockhash: '00'.repeat(32) } }
  })
  const error = await failure(run())
  expect(error.code).toBe('rpc.malformed')
  expect(error.message).toMatch(/^Blocks 50000–50002 do not link up .* after 3 attempts\./)
  expect(await storedHeights()).toEqual([])
})

test('a getblock answer for another block than asked is refused', async () => {
  await serve((call) =>
    call.method === 'getblock' && call.params[0] === HASH_50002
      ? replay({ method: 'getblock', params: [HASH_50001, 2] })
      : undefined,
  )
  const error = await failure(run())
  expect(error.message).toMatch(/^getblock for block 50002 returned block 50001/)
})

test('reorg: a new tip whose parent is not the stored block rolls back to the fork and re-ingests', async () => {
  await serve(() => undefined)
  await run()
  await server.close()
  // The node now has another block 50002 (X) and a block 50003 on top of it.
  const X = `0000000000${'ab'.repeat(27)}`
  const Y = `0000000000${'cd'.repeat(27)}`
  const original = replay({ method: 'getblock', params: [HASH_50002, 2] }) as {
    result: Record<string, unknown> & { tx: { txid: string }[] }
  }
  const branch = (hash: string, height: number, parent: string, txid: string) => ({
    ...original.result,
    hash,
    height,
    previousblockhash: parent,
    tx: [{ ...original.result.tx[0], txid }],
  })
  const blocks: Record<string, unknown> = {
    [X]: branch(X, 50002, HASH_50001, 'aa'.repeat(32)),
    [Y]: branch(Y, 50003, X, 'bb'.repeat(32)),
  }
  await serve((call) => {
    if (call.method === 'getblockcount') return { result: 50003 }
    if (call.method === 'getblockhash' && call.params[0] === 50002) return { result: X }
    if (call.method === 'getblockhash' && call.params[0] === 50003) return { result: Y }
    if (
      call.method === 'getblock' &&
      typeof call.params[0] === 'string' &&
      call.params[0] in blocks
    ) {
      return { result: blocks[call.params[0]] }
    }
    return undefined
  })
  const notices: string[] = []
  const summary = await ingestBtc(
    { store },
    { rpcUrl: server.url, rpc: await client(), verbosity: 2, onNotice: (m) => notices.push(m) },
  )
  expect(summary.reorgs).toEqual([{ fromHeight: 50002, blocks: 1 }])
  expect(notices).toContain(
    'reorganisation: block 50003 does not follow the stored block 50002; rolled back 1 block(s) from 50002',
  )
  expect(await store.blockHash('bitcoin', 50002)).toBe(X)
  expect(await store.blockHash('bitcoin', 50003)).toBe(Y)
  const txs: string[] = []
  for await (const page of store.utxoTransactionsInOrder({ chain: 'bitcoin', fromBlock: 50002 })) {
    txs.push(...page.map((tx) => tx.txHash))
  }
  // The orphaned block's coinbase is gone; the new branch's are there.
  expect(txs).toEqual(['aa'.repeat(32), 'bb'.repeat(32)])
})

test('credentials: Basic auth from the URL or a cookie file, never shown; a refusal is clear', async () => {
  const expected = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`
  const cookie = `Basic ${Buffer.from('__cookie__:c00k1e').toString('base64')}`
  await serve((call) =>
    call.authorization === expected || call.authorization === cookie
      ? undefined
      : { http: 401, body: '' },
  )
  const port = new URL(server.url).port
  const ok = await ingestBtc(
    { store },
    {
      rpcUrl: `http://alice:s3cret@127.0.0.1:${port}`,
      verbosity: 2,
      fromBlock: 50000,
      toBlock: 50000,
    },
  )
  expect(ok.endpoint).toBe(`http://127.0.0.1:${port}`)
  const directory = mkdtempSync(join(tmpdir(), 'cw-cookie-'))
  try {
    writeFileSync(join(directory, '.cookie'), '__cookie__:c00k1e')
    const viaCookie = await ingestBtc(
      { store },
      {
        rpcUrl: `http://127.0.0.1:${port}`,
        cookieFile: join(directory, '.cookie'),
        verbosity: 2,
        toBlock: 50001,
      },
    )
    expect(viaCookie.blocks).toBe(1)
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
  const error = await failure(
    ingestBtc(
      { store },
      { rpcUrl: `http://alice:wrong-pass@127.0.0.1:${port}`, verbosity: 2, retries: 3 },
    ),
  )
  expect(error.code).toBe('rpc.failed')
  expect(error.message).toMatch(/^getblockcount failed: HTTP 401: the node refused the credentials/)
  expect(error.meta).toMatchObject({ status: 401, attempts: 1 })
  expect(JSON.stringify({ message: error.message, meta: error.meta })).not.toMatch(
    /wrong-pass|alice/,
  )
})
