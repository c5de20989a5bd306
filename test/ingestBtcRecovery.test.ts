import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { loadBitcoinRecorded, replayBitcoinRecorded } from '../src/ingest/btc-rpc/testReplay.js'
import { startTestRpcServer, type TestRpcServer } from '../src/ingest/evm/testRpcServer.js'
import { liveCheckpointSource, openStore, type Store } from '../src/store/index.js'
import {
  cli,
  createTestDatabaseUrl,
  repoRoot,
  sharedData,
  type TestDatabaseUrl,
} from './harness.js'

const resources = sharedData(
  'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin',
)
const recorded = loadBitcoinRecorded(
  ['block_without_transactions', 'block_with_transactions'].map((name) => `${resources}/${name}`),
)
const replay = replayBitcoinRecorded(recorded, { getblockcount: 50002 })
const HASH_50002 = '000000002066d7f9b134c30b5005b7bf5fbfa52f279883f1fde793dcdc964266'

let server: TestRpcServer | undefined
const databases: TestDatabaseUrl[] = []
afterEach(async () => {
  await server?.close()
  for (const database of databases.splice(0)) await database.dispose()
})

function database(dialect: 'sqlite' | 'postgres'): TestDatabaseUrl {
  const created = createTestDatabaseUrl(dialect)
  databases.push(created)
  return created
}

async function withStore<T>(url: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url)
  try {
    return await read(store)
  } finally {
    await store.close()
  }
}

/** Everything a UTXO tracer reads, in chain order, plus the block hashes and the checkpoint. */
async function digest(store: Store): Promise<string> {
  const rows: unknown[] = []
  for await (const page of store.utxoTransactionsInOrder({ chain: 'bitcoin' })) rows.push(...page)
  for (const height of [50000, 50001, 50002]) rows.push(await store.blockHash('bitcoin', height))
  rows.push(await store.checkpoint(liveCheckpointSource('bitcoin')))
  return JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value))
}

const args = (url: string) => [
  'ingest',
  'btc',
  '--rpc',
  url,
  '--verbosity',
  '2',
  '--from',
  '50000',
  '--batch',
  '1',
]

test('behavior: SIGKILL mid-run, then a restart, gives the store an uninterrupted run gives (SQLite vs PostgreSQL)', async () => {
  // The node stalls on block 50002 until the run is killed: blocks 50000 and 50001 are committed.
  let stalled = true
  server = await startTestRpcServer((call) =>
    stalled && call.method === 'getblock' && call.params[0] === HASH_50002
      ? { hang: true }
      : replay(call),
  )
  const killed = database('sqlite')
  // Open once so the schema exists for the poller below.
  await withStore(killed.url, async () => undefined)
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(repoRoot, 'src/cli/main.ts'),
      '--database',
      killed.url,
      ...args(server.url),
    ],
    { cwd: repoRoot, stdio: 'ignore' },
  )
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_code, signal) => done(signal)),
  )
  const asked = () =>
    server?.calls.some((c) => c.method === 'getblock' && c.params[0] === HASH_50002) === true
  for (let i = 0; i < 6000 && !asked(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(asked()).toBe(true)
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  const atKill = await withStore(killed.url, async (store) => ({
    checkpoint: await store.checkpoint(liveCheckpointSource('bitcoin')),
    tip: (await store.tip('bitcoin'))?.height,
  }))
  expect(atKill).toEqual({ checkpoint: 50002, tip: 50001 })

  stalled = false
  const resumed = await cli(killed.url, args(server.url))
  expect(resumed.code, resumed.stderr).toBe(0)
  expect(resumed.stderr).toContain('resuming at block 50002')
  const reference = database('postgres')
  const clean = await cli(reference.url, args(server.url))
  expect(clean.code, clean.stderr).toBe(0)
  const [a, b] = await Promise.all([
    withStore(killed.url, digest),
    withStore(reference.url, digest),
  ])
  expect(a).toBe(b)
  expect(a).toContain(HASH_50002)
}, 60_000)
