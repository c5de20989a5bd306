import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createMonitor, loadRulePackOrThrow } from '../monitoring/index.js'
import { openStore, type SqlStore } from '../store/index.js'
import { createServer } from './createServer.js'

const SANCTIONED = '0x098b716b8aaf21512996dc57eb0615e2383e2f96'
const CLEAN = '0x1111111111111111111111111111111111111111'
const DEPOSIT = '0x2222222222222222222222222222222222222222'

const postgres =
  process.env.CHAINWATCH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schema = `cw_test_${randomBytes(6).toString('hex')}`

describe.each([
  ['sqlite', 'sqlite::memory:'],
  ['postgres', `${postgres}?schema=${schema}`],
])('monitoring over HTTP (%s)', (dialect, url) => {
  let store: SqlStore
  let server: ReturnType<typeof createServer>

  beforeAll(async () => {
    store = (await openStore(url)) as SqlStore
    const rules = loadRulePackOrThrow()
    const monitor = createMonitor({
      store,
      rules: () => rules,
      now: () => new Date('2025-02-21T12:00:00.000Z'),
    })
    server = createServer({ store, monitor, version: 'test', log: () => undefined })
    await store.replaceList({
      list: 'ofac-sdn',
      kind: 'address-list',
      source: 'test',
      publishedAt: null,
      sha256: '',
      loadedAt: '2025-01-01T00:00:00.000Z',
      entries: [
        {
          chain: 'ethereum',
          address: SANCTIONED,
          asset: null,
          category: 'sanctioned',
          entity: 'LAZARUS GROUP',
          entityId: null,
          programmes: ['DPRK3'],
          confidence: 100,
          label: null,
        },
      ],
    })
  })
  beforeEach(async () => {
    await store.db.deleteFrom('monitor_events').execute()
    await store.db.deleteFrom('alerts').execute()
  })
  afterAll(async () => {
    if (dialect === 'postgres')
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db)
    await store.close()
  })

  const event = (fields: Record<string, unknown> = {}) => ({
    org: 'exchange-a',
    account: 'alice',
    direction: 'deposit',
    chain: 'ethereum',
    txHash: `0x${'ab'.repeat(32)}`,
    index: 0,
    counterparty: CLEAN,
    ownAddress: DEPOSIT,
    asset: 'native',
    amount: '1000000000000000000',
    time: '2025-02-21T11:00:00Z',
    ...fields,
  })

  const post = (body: unknown) =>
    server.request('/v1/monitor/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  async function errorOf(body: unknown) {
    const response = await post(body)
    const json = (await response.json()) as { error: { code: string; message: string } }
    return { status: response.status, ...json.error }
  }

  const storedEvents = async () =>
    (await store.db.selectFrom('monitor_events').select('tx_hash').execute()).length

  describe('POST /v1/monitor/events', () => {
    test('decides an event, and answers a redelivery with the stored verdict', async () => {
      const first = await post(event())
      expect(first.status).toBe(200)
      const [decided] = ((await first.json()) as { results: Record<string, unknown>[] }).results
      expect(decided).toMatchObject({
        decision: 'allow',
        score: 0,
        reasons: [],
        alertId: null,
        duplicate: false,
      })
      const again = (
        (await (await post({ events: [event()] })).json()) as { results: Record<string, unknown>[] }
      ).results
      expect(again).toEqual([{ ...decided, duplicate: true }])
      expect(await storedEvents()).toBe(1)
    })

    test('holds a deposit from a sanctioned address, with its reason and an alert', async () => {
      const response = await post({
        events: [
          event({ counterparty: SANCTIONED.toUpperCase().replace('0X', '0x') }),
          event({ index: 1 }),
        ],
      })
      const { results } = (await response.json()) as { results: Record<string, unknown>[] }
      expect(results.map((r) => r.decision)).toEqual(['hold', 'allow'])
      expect(results[0]?.reasons).toEqual([
        `Counterparty ${SANCTIONED} is designated sanctioned by ofac-sdn (LAZARUS GROUP).`,
      ])
      const alerts = (await (
        await server.request('/v1/alerts?org=exchange-a&decision=hold')
      ).json()) as {
        alerts: { id: string; event: { amount: string }; hits: unknown[] }[]
      }
      expect(alerts.alerts.map((a) => a.id)).toEqual([results[0]?.alertId])
      expect(alerts.alerts[0]?.event.amount).toBe('1000000000000000000')
      expect(alerts.alerts[0]?.hits).toHaveLength(1)
    })

    test('behavioural rules read the account history from the store', async () => {
      await post(event({ amount: '2000000000000000000', time: 1_740_000_000 }))
      const out = event({
        direction: 'withdrawal',
        txHash: `0x${'cd'.repeat(32)}`,
        amount: '1950000000000000000',
        time: 1_740_003_600,
      })
      const { results } = (await (await post(out)).json()) as {
        results: {
          decision: string
          score: number
          hits: { ruleId: string }[]
          reasons: string[]
        }[]
      }
      expect(results[0]?.hits.map((h) => h.ruleId)).toEqual(['rapid-in-out'])
      expect(results[0]?.reasons[0]).toMatch(/Withdrawn 1950000000000000000 of 2000000000000000000/)
      // One medium indicator alone is not suspicion (FATF): scored, allowed, no alert.
      expect(results[0]).toMatchObject({ decision: 'allow', score: 35 })
    })

    test.each([
      [
        'unknown chain',
        event({ chain: 'dogecoin' }),
        400,
        'input.invalid',
        /event\.chain is not a known chain/,
      ],
      [
        'negative amount',
        event({ amount: '-5' }),
        400,
        'input.invalid',
        /event\.amount must be a positive whole number/,
      ],
      [
        'zero amount',
        event({ amount: '0' }),
        400,
        'input.invalid',
        /event\.amount must be greater than zero/,
      ],
      ['fractional amount', event({ amount: '1.5' }), 400, 'input.invalid', /event\.amount/],
      ['amount as a number', event({ amount: 5 }), 400, 'input.invalid', /event\.amount/],
      [
        'missing account',
        { ...event(), account: undefined },
        400,
        'input.invalid',
        /event\.account is required/,
      ],
      [
        'unknown field',
        event({ colour: 'red' }),
        400,
        'input.invalid',
        /unknown field\(s\): colour/,
      ],
      ['bad time', event({ time: 'yesterday' }), 400, 'input.invalid', /event\.time/],
      [
        'malformed address',
        event({ counterparty: '0x1234' }),
        400,
        'address.invalid',
        /event\.counterparty is not a valid ethereum address/,
      ],
      [
        'bitcoin address on ethereum',
        event({ ownAddress: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }),
        400,
        'address.invalid',
        /event\.ownAddress/,
      ],
      [
        'token on bitcoin',
        event({
          chain: 'bitcoin',
          asset: 'USDT',
          counterparty: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
          ownAddress: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
          txHash: 'ab'.repeat(32),
        }),
        400,
        'input.invalid',
        /event\.asset must be "native" on bitcoin/,
      ],
      ['not JSON', '{"org":', 400, 'input.invalid', /./],
      ['empty batch', { events: [] }, 400, 'input.invalid', /events must hold at least one event/],
    ])('%s → %s %s naming the field', async (_name, body, status, code, message) => {
      const error = await errorOf(body)
      expect(error).toMatchObject({ status, code })
      expect(error.message).toMatch(message)
      expect(await storedEvents()).toBe(0)
    })

    test('a bad event in a batch rejects the whole batch: nothing stored half-way', async () => {
      const error = await errorOf({ events: [event(), event({ index: 1, counterparty: 'nope' })] })
      expect(error).toMatchObject({ status: 400, code: 'address.invalid' })
      expect(error.message).toMatch(/events\[1\]\.counterparty/)
      expect(await storedEvents()).toBe(0)
    })

    test('oversized bodies and batches → 413 input.too_large', async () => {
      const huge = await post({ events: [event({ account: 'x'.repeat(10 * 1024 * 1024) })] })
      expect(huge.status).toBe(413)
      expect(((await huge.json()) as { error: { code: string } }).error.code).toBe(
        'input.too_large',
      )
      const many = await errorOf({
        events: Array.from({ length: 1001 }, (_, i) => event({ index: i })),
      })
      expect(many).toMatchObject({ status: 413, code: 'input.too_large' })
      expect(await storedEvents()).toBe(0)
    })
  })

  describe('GET /v1/alerts', () => {
    test('pages with a cursor and rejects a foreign one', async () => {
      await post({ events: [0, 1, 2].map((i) => event({ index: i, counterparty: SANCTIONED })) })
      const first = (await (await server.request('/v1/alerts?limit=2')).json()) as {
        alerts: unknown[]
        nextCursor: string
      }
      expect(first.alerts).toHaveLength(2)
      const second = (await (
        await server.request(`/v1/alerts?limit=2&cursor=${first.nextCursor}`)
      ).json()) as { alerts: unknown[]; nextCursor: null }
      expect(second).toMatchObject({ nextCursor: null })
      expect(second.alerts).toHaveLength(1)
      const bad = await server.request('/v1/alerts?cursor=garbage')
      expect(bad.status).toBe(400)
      expect((await server.request('/v1/alerts?since=1740000000&account=nobody')).status).toBe(200)
      expect((await server.request('/v1/alerts?decision=maybe')).status).toBe(400)
    })

    test('both routes are in the OpenAPI description', async () => {
      const doc = (await (await server.request('/openapi.json')).json()) as {
        paths: Record<string, unknown>
      }
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/v1/monitor/events', '/v1/alerts']),
      )
    })
  })
})
