import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore, type Store } from '../store/index.js'
import { createServer } from './createServer.js'

const THIEF = '0x098b716b8aaf21512996dc57eb0615e2383e2f96'
const DAY = 86_400

describe('POST /v1/monitor/retro-hunt', () => {
  let store: Store
  let server: ReturnType<typeof createServer>
  const post = (body: unknown) =>
    server.request('/v1/monitor/retro-hunt', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  beforeAll(async () => {
    store = await openStore('sqlite::memory:')
    server = createServer({ store, version: 'test', log: () => undefined })
    const now = Math.floor(Date.now() / 1000)
    for (const [seed, time] of [
      [1, now - 30 * DAY],
      [2, now - 10 * DAY],
    ] as const) {
      await store.recordMonitorDecision({
        event: {
          org: 'exchange-a',
          account: 'alice',
          direction: 'deposit',
          chain: 'ethereum',
          txHash: `0x${String(seed).repeat(64)}`,
          index: 0,
          counterparty: THIEF,
          ownAddress: `0x${'22'.repeat(20)}`,
          asset: 'native',
          amount: 10n ** 18n,
          time,
        },
        verdict: { decision: 'allow', score: 0, hits: [] },
        alert: null,
        decidedAt: new Date().toISOString(),
      })
    }
    await store.replaceList({
      list: 'analyst',
      kind: 'address-list',
      source: 'test',
      publishedAt: null,
      sha256: '',
      loadedAt: new Date().toISOString(),
      entries: [
        {
          chain: 'ethereum',
          address: THIEF,
          asset: null,
          category: 'hacker',
          entity: null,
          entityId: null,
          programmes: [],
          confidence: 80,
          label: null,
        },
      ],
    })
  })
  afterAll(async () => store.close())

  test('re-screens the window and raises each alert once', async () => {
    const first = await post({ addresses: [THIEF.toUpperCase().replace('0X', '0x')], days: 20 })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ designations: 1, events: 1, alerts: 1 })
    const wider = await post({ list: 'analyst' })
    expect(await wider.json()).toMatchObject({ events: 2, alerts: 1, alreadyAlerted: 1 })
    const { alerts } = await store.alerts({})
    expect(alerts.map((a) => [a.origin, a.decision, a.score])).toEqual([
      [`retro-hunt:analyst:${THIEF}`, 'review', 70],
      [`retro-hunt:analyst:${THIEF}`, 'review', 70],
    ])
    expect(await (await post({ list: 'other' })).json()).toMatchObject({ designations: 0 })
  })

  test('refuses a request naming neither addresses nor a list, or unknown fields', async () => {
    expect((await post({})).status).toBe(400)
    expect((await post({ list: 'analyst', extra: 1 })).status).toBe(400)
    expect((await post({ list: 'analyst', days: -1 })).status).toBe(400)
    expect((await post({ addresses: ['not-an-address'] })).status).toBe(400)
  })

  test('is in the OpenAPI document', async () => {
    const doc = (await (await server.request('/openapi.json')).json()) as {
      paths: Record<string, unknown>
    }
    expect(doc.paths['/v1/monitor/retro-hunt']).toBeDefined()
  })
})
