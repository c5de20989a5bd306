import { Writable } from 'node:stream'
import { afterEach, expect, test } from 'vitest'
import { sharedData } from '../../../test/harness.js'
import { runCli } from '../../cli/index.js'
import { openStore } from '../../store/index.js'
import { startTestRpcServer, type TestRpcServer } from '../evm/testRpcServer.js'
import { ingestBtc } from './ingestBtc.js'
import { loadBitcoinRecorded, replayBitcoinRecorded } from './testReplay.js'

const resources = sharedData(
  'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin',
)
const recorded = loadBitcoinRecorded(
  ['block_without_transactions', 'block_with_transactions'].map((name) => `${resources}/${name}`),
)

let server: TestRpcServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** `chainwatch ingest btc` in-process, its output and errors as the user sees them. */
async function run(args: readonly string[]) {
  let stdout = ''
  let stderr = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk))
        done()
      },
    })
  const err = Object.assign(
    sink((t) => {
      stderr += t
    }),
    { isTTY: false },
  ) as unknown as NodeJS.WriteStream
  const code = await runCli(['--database', 'sqlite::memory:', ...args], {
    stdout: sink((t) => {
      stdout += t
    }),
    stderr: err,
    env: {},
  })
  return { code, stdout, stderr }
}

test('cli: ingest btc --rpc prints its summary; the password never appears', async () => {
  server = await startTestRpcServer(replayBitcoinRecorded(recorded, { getblockcount: 50002 }))
  const url = server.url.replace('http://', 'http://user:hunter2@')
  const result = await run([
    '--json',
    'ingest',
    'btc',
    '--rpc',
    url,
    '--verbosity',
    '2',
    '--from',
    '50000',
  ])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(JSON.parse(result.stdout)).toMatchObject({
    chain: 'bitcoin',
    endpoint: server.url,
    verbosity: 2,
    firstBlock: 50000,
    lastBlock: 50002,
    blocks: 3,
    transactions: 5,
    inputs: 6,
    outputs: 5,
  })
  expect(result.stdout).not.toContain('hunter2')
})

test('cli: errors exit 2 (options) and 3 (node) with the message, no credentials', async () => {
  const both = await run(['ingest', 'btc', '--rpc', 'http://127.0.0.1:9', '--blocks-dir', '/tmp'])
  expect(both.code).toBe(2)
  expect(both.stderr).toContain('Give either --rpc or --blocks-dir.')
  const verbosity = await run(['ingest', 'btc', '--rpc', 'http://127.0.0.1:9', '--verbosity', '1'])
  expect(verbosity.code).toBe(2)
  expect(verbosity.stderr).toContain('--verbosity 1 is not 2 or 3.')
  // Port 9 (discard) has nothing listening on loopback.
  const down = await run([
    '--json',
    'ingest',
    'btc',
    '--rpc',
    'http://me:s3cret@127.0.0.1:9',
    '--retries',
    '0',
  ])
  expect(down.code).toBe(3)
  const { error } = JSON.parse(down.stderr)
  expect(error).toMatchObject({
    code: 'rpc.failed',
    meta: { method: 'getblockcount', endpoint: 'http://127.0.0.1:9' },
  })
  expect(down.stderr).not.toContain('s3cret')
})

test('follow: polls the node tip, keeps --confirmations back, stops when aborted', async () => {
  let tip = 50001
  server = await startTestRpcServer((call) =>
    call.method === 'getblockcount' ? { result: tip } : replayBitcoinRecorded(recorded)(call),
  )
  const store = await openStore('sqlite::memory:')
  const stop = new AbortController()
  const polls: number[] = []
  try {
    const summary = await ingestBtc(
      { store },
      {
        rpcUrl: server.url,
        verbosity: 2,
        fromBlock: 50000,
        follow: true,
        confirmations: 1,
        signal: stop.signal,
        // Each poll: the node has found one more block; after two polls the user stops.
        sleep: async () => {
          polls.push(tip)
          if (polls.length === 2) stop.abort()
          tip++
        },
      },
    )
    // Tips 50001, 50002, then stopped: 50003 is never asked for; 1 confirmation kept back.
    expect(polls).toEqual([50001, 50002])
    expect([summary.firstBlock, summary.lastBlock, summary.nodeTip]).toEqual([50000, 50001, 50002])
    expect(await store.blockHash('bitcoin', 50002)).toBeNull()
    const [status] = await store.ingestStatus()
    expect(status).toMatchObject({ chain: 'bitcoin', source: `rpc:${server.url}`, storeTip: 50001 })
  } finally {
    await store.close()
  }
})
