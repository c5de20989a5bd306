import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore, type Store } from '../store/index.js'
import { createServer } from './createServer.js'

let store: Store
const logged: unknown[] = []
let server: ReturnType<typeof createServer>

beforeAll(async () => {
  store = await openStore('sqlite::memory:')
  server = createServer({ store, version: '9.9.9', log: (_m, e) => logged.push(e) })
})
afterAll(() => store.close())

test('GET /health', async () => {
  const res = await server.request('/health')
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite', version: '9.9.9' })
})

test('GET /v1/stats: empty store, then per-chain figures with amounts as strings', async () => {
  expect(await (await server.request('/v1/stats')).json()).toEqual({ chains: [] })
  await store.writeBatch({
    blocks: [],
    transactions: [],
    inputs: [],
    outputs: [
      {
        chain: 'bitcoin',
        txHash: 'aa'.repeat(32),
        index: 0,
        address: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
        value: 2n ** 64n + 1n,
        scriptType: 'p2pkh',
        blockHeight: 1,
        txIndex: 0,
      },
    ],
    transfers: [],
  })
  const body = await (await server.request('/v1/stats')).json()
  expect(body).toEqual({
    chains: [
      expect.objectContaining({
        chain: 'bitcoin',
        outputs: 1,
        addresses: 1,
        assets: { BTC: '18446744073709551617' },
      }),
    ],
  })
})

test('default: GET /v1/ingest/status lists each chain a live ingester wrote, with its lag', async () => {
  expect(await (await server.request('/v1/ingest/status')).json()).toEqual({ chains: [] })
  const hash = `0x${'11'.repeat(32)}`
  await store.writeBatch(
    {
      blocks: [
        { chain: 'ethereum', height: 7, hash, parentHash: null, time: 1_700_000_000, txCount: 0 },
      ],
      transactions: [],
      outputs: [],
      inputs: [],
      transfers: [],
    },
    {
      source: 'rpc:ethereum',
      position: 8,
      status: {
        chain: 'ethereum',
        source: 'rpc:http://127.0.0.1:8545',
        nodeTip: 10,
        storeTip: 7,
        storeTipHash: hash,
        storeTipTime: 1_700_000_000,
        blocksPerSecond: 12.5,
      },
    },
  )
  const res = await server.request('/v1/ingest/status')
  expect(res.status).toBe(200)
  const body = (await res.json()) as { chains: { updatedAt: string }[] }
  expect(body.chains).toEqual([
    {
      chain: 'ethereum',
      source: 'rpc:http://127.0.0.1:8545',
      storeTip: { height: 7, hash, time: 1_700_000_000 },
      nodeTip: 10,
      lag: 3,
      blocksPerSecond: 12.5,
      updatedAt: body.chains[0]?.updatedAt,
    },
  ])
})

test('GET /openapi.json describes the routes', async () => {
  const doc = (await (await server.request('/openapi.json')).json()) as {
    paths: Record<string, unknown>
  }
  expect(Object.keys(doc.paths).sort()).toEqual([
    '/health',
    '/v1/alerts',
    '/v1/ingest/status',
    '/v1/monitor/events',
    '/v1/monitor/retro-hunt',
    '/v1/screen',
    '/v1/stats',
    '/v1/trace',
    '/v1/trace/backward',
  ])
})

describe('errors', () => {
  test('error: unknown route is a JSON 404', async () => {
    const res = await server.request('/v1/nothing')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "not_found",
          "message": "No route GET /v1/nothing.",
          "meta": {},
        },
      }
    `)
  })

  test('error: oversized request body is refused with 413', async () => {
    const res = await server.request('/v1/stats', {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-length': String(2 * 1024 * 1024) },
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('input.too_large')
  })

  test('error: store unavailable is a 503 with its code', async () => {
    const closed = await openStore('sqlite::memory:')
    await closed.close()
    const broken = createServer({ store: closed, version: '9.9.9', log: (_m, e) => logged.push(e) })
    const res = await broken.request('/health')
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store.unavailable')
  })
})

describe('POST /v1/screen', () => {
  test('default: one result per address, in order; amounts as strings', async () => {
    const res = await server.request('/v1/screen', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ addresses: ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'nope'], hops: 1 }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "results": [
          {
            "address": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            "capped": [],
            "chain": "bitcoin",
            "direct": [],
            "exposures": [],
            "input": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            "risk": {
              "level": "none",
              "rule": "no designation or exposure found",
            },
          },
          {
            "error": {
              "code": "address.invalid",
              "message": ""nope" is not a valid address on any supported chain.",
            },
            "input": "nope",
          },
        ],
      }
    `)
  })

  test('error: more than 10,000 addresses is refused', async () => {
    const res = await server.request('/v1/screen', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        addresses: Array.from({ length: 10_001 }, () => '1BoatSLRHtKNngkdXEeobR76b53LETtpyT'),
      }),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('input.invalid')
  })

  test('error: a body that is not JSON', async () => {
    const res = await server.request('/v1/screen', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"addresses": [',
    })
    expect(res.status).toBe(400)
  })
})
