import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { isChainwatchError } from '../../errors/index.js'
import { createRateLimiter } from './limits.js'
import { createRpcClient, redactUrl } from './rpcClient.js'
import { smallQuantity } from './rpcSchemas.js'
import { type RpcAnswer, startTestRpcServer, type TestRpcServer } from './testRpcServer.js'

let server: TestRpcServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Backoff waits are recorded, not slept, so retry tests take no time. */
function clientFor(url: string, options: { retries?: number; timeoutMs?: number } = {}) {
  const waits: number[] = []
  const rpc = createRpcClient({
    url,
    retries: options.retries ?? 3,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    sleep: async (ms) => {
      waits.push(ms)
    },
  })
  return { rpc, waits }
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (isChainwatchError(error)) return error
    throw error
  }
  throw new Error('expected a failure')
}

const blockNumber = { method: 'eth_blockNumber', params: [] }

test('default: calls made together go out as one HTTP batch', async () => {
  server = await startTestRpcServer(() => ({ result: '0x10' }))
  const { rpc } = clientFor(server.url)
  const results = await Promise.all(
    [1, 2, 3].map((block) => rpc.request({ ...blockNumber, block }, smallQuantity)),
  )
  expect(results).toEqual([16, 16, 16])
  expect(server.httpRequests()).toBe(1)
  expect(rpc.stats()).toEqual({ requests: 3, retries: 0 })
})

describe('retries', () => {
  test('behavior: 429 and 503 are retried with doubling backoff, Retry-After wins', async () => {
    const answers: RpcAnswer[] = [
      { http: 429, body: 'slow down' },
      { http: 503, headers: { 'retry-after': '2' } },
      { http: 502 },
    ]
    server = await startTestRpcServer(() => answers.shift() ?? { result: '0x2a' })
    const { rpc, waits } = clientFor(server.url)
    expect(await rpc.request({ ...blockNumber, block: 9 }, smallQuantity)).toBe(42)
    expect(waits).toEqual([250, 2000, 1000])
    expect(rpc.stats()).toEqual({ requests: 4, retries: 3 })
  })

  test('behavior: a JSON-RPC "limit exceeded" answer is retried', async () => {
    let calls = 0
    server = await startTestRpcServer(() =>
      calls++ === 0 ? { error: { code: -32005, message: 'rate limited' } } : { result: '0x1' },
    )
    const { rpc } = clientFor(server.url)
    expect(await rpc.request(blockNumber, smallQuantity)).toBe(1)
  })

  test('error: retries exhausted: rpc.failed names the method, the block and the attempts', async () => {
    server = await startTestRpcServer(() => ({ http: 500, body: 'upstream down' }))
    const { rpc, waits } = clientFor(server.url, { retries: 2 })
    const error = await failure(
      rpc.request({ method: 'eth_getBlockByNumber', params: ['0x7', true], block: 7 }, z.unknown()),
    )
    expect(error.code).toBe('rpc.failed')
    expect(error.shortMessage).toBe(
      'eth_getBlockByNumber for block 7 failed: HTTP 500 (upstream down)',
    )
    expect(error.meta).toMatchObject({
      method: 'eth_getBlockByNumber',
      block: 7,
      status: 500,
      attempts: 3,
    })
    expect(waits).toEqual([250, 500])
  })

  test('error: a JSON-RPC error answer is not retried', async () => {
    server = await startTestRpcServer(() => ({
      error: { code: -32000, message: 'missing trie node' },
    }))
    const { rpc } = clientFor(server.url)
    const error = await failure(rpc.request({ ...blockNumber, block: 3 }, z.unknown()))
    expect(error.code).toBe('rpc.failed')
    expect(error.shortMessage).toContain('error -32000: missing trie node')
    expect(error.meta).toMatchObject({ code: -32000, attempts: 1 })
  })

  test('error: a node that never answers times out, retried, then rpc.failed', async () => {
    server = await startTestRpcServer(() => ({ hang: true }))
    const { rpc } = clientFor(server.url, { retries: 1, timeoutMs: 100 })
    const error = await failure(rpc.request({ ...blockNumber, block: 5 }, z.unknown()))
    expect(error.shortMessage).toBe('eth_blockNumber for block 5 failed: the request timed out')
    expect(error.meta).toMatchObject({ attempts: 2 })
  })

  test('error: nothing listening: retried, then rpc.failed', async () => {
    const { rpc } = clientFor('http://127.0.0.1:9', { retries: 1 })
    const error = await failure(rpc.request(blockNumber, z.unknown()))
    expect(error.code).toBe('rpc.failed')
    expect(error.shortMessage).toMatch(/^eth_blockNumber failed: no usable response/)
  })
})

test('error: a result of the wrong shape is rpc.malformed, naming method, block and field', async () => {
  server = await startTestRpcServer(() => ({ result: { number: 'seven' } }))
  const { rpc } = clientFor(server.url)
  const error = await failure(
    rpc.request(
      { method: 'eth_getBlockByNumber', params: ['0x7', true], block: 7 },
      z.object({ number: smallQuantity }),
    ),
  )
  expect(error.code).toBe('rpc.malformed')
  expect(error.shortMessage).toBe('eth_getBlockByNumber for block 7 returned an unexpected result.')
  expect(error.meta.issues).toEqual(['number: not a hex quantity'])
})

test('redactUrl: API keys in the path or query are not shown', () => {
  expect(redactUrl('https://mainnet.infura.io/v3/0123456789abcdef')).toBe(
    'https://mainnet.infura.io/…',
  )
  expect(redactUrl('http://user:secret@127.0.0.1:8545')).toBe('http://127.0.0.1:8545')
})

test('rate limit: a burst of one second, then one permit per 1/rate s', async () => {
  let now = 0
  const waits: number[] = []
  const limiter = createRateLimiter(2, {
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms)
      now += ms
    },
  })
  for (let i = 0; i < 5; i++) await limiter.acquire()
  // 2 saved up, then 3 more at 2 a second.
  expect(waits).toEqual([500, 500, 500])
  expect(now).toBe(1500)
})
