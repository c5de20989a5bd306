import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NATIVE_ASSET, type TransferRecord, transferPosition } from '../src/chain/index.js'
import { createServer } from '../src/server/index.js'
import { openStore } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, type TestDatabaseUrl, testDialects } from './harness.js'

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const [VICTIM, THIEF, A, B, EXCHANGE] = [addr(1), addr(2), addr(3), addr(4), addr(5)]
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const eth = 10n ** 18n

function transfer(n: number, from: string, to: string, amount: bigint): TransferRecord {
  return {
    chain: 'ethereum',
    txHash: hash(n),
    kind: 'native',
    position: transferPosition.native(),
    asset: NATIVE_ASSET,
    from,
    to,
    amount,
    blockHeight: 100 + n,
    txIndex: 0,
  }
}

describe.each(testDialects)('%s: chainwatch trace', (dialect) => {
  let db: TestDatabaseUrl
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    const store = await openStore(db.url)
    // victim → thief 100; thief → A 60, → B 40; A → exchange 30; B → exchange 40.
    await store.writeBatch({
      blocks: [],
      transactions: [],
      outputs: [],
      inputs: [],
      transfers: [
        transfer(1, VICTIM, THIEF, 100n * eth),
        transfer(2, THIEF, A, 60n * eth),
        transfer(3, THIEF, B, 40n * eth),
        transfer(4, A, EXCHANGE, 30n * eth),
        transfer(5, B, EXCHANGE, 40n * eth),
      ],
    })
    await store.replaceList({
      list: 'exchanges',
      kind: 'address-list',
      source: 'test',
      publishedAt: null,
      sha256: '',
      loadedAt: '2025-02-21T00:00:00.000Z',
      entries: [
        {
          chain: 'ethereum',
          address: EXCHANGE,
          asset: null,
          category: 'exchange',
          entity: 'Exchange',
          entityId: null,
          programmes: [],
          confidence: 100,
          label: null,
        },
      ],
    })
    await store.close()
  })
  afterAll(() => db.dispose())

  test('default: haircut from the theft transaction reaches the exchange with 70 ETH; re-runs reproduce the SHA-256', async () => {
    const args = ['--json', 'trace', '--from-tx', hash(1), '--policy', 'haircut']
    const run = await cli(db.url, args)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const trace = JSON.parse(run.stdout)
    expect(trace.result.endpoints).toEqual([
      {
        address: EXCHANGE,
        absorbed: (70n * eth).toString(),
        asset: 'native',
        chain: 'ethereum',
        hop: 2,
        list: 'exchanges',
        category: 'exchange',
        entity: 'Exchange',
        label: null,
      },
    ])
    expect(trace.result.totals).toMatchObject({
      seeded: (100n * eth).toString(),
      stops: (70n * eth).toString(),
      held: (30n * eth).toString(),
    })
    expect(trace.manifest).toMatchObject({
      policy: 'haircut',
      events: 5,
      blocks: [{ chain: 'ethereum', first: 101, last: 105 }],
    })
    expect(trace.manifest.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.parse((await cli(db.url, args)).stdout).manifest.sha256).toBe(trace.manifest.sha256)
  })

  test('POST /v1/trace returns the same JSON as the CLI', async () => {
    const store = await openStore(db.url)
    try {
      const server = createServer({ store, version: 'test', log: () => undefined })
      const res = await server.request('/v1/trace', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seeds: [{ kind: 'transfer', txHash: hash(1) }], policy: 'haircut' }),
      })
      expect(res.status).toBe(200)
      const viaHttp = await res.json()
      const viaCli = JSON.parse(
        (await cli(db.url, ['--json', 'trace', '--from-tx', hash(1), '--policy', 'haircut']))
          .stdout,
      )
      expect(viaHttp).toEqual(viaCli)
      const bad = await server.request('/v1/trace', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seeds: [], policy: 'mostly' }),
      })
      expect(bad.status).toBe(400)
    } finally {
      await store.close()
    }
  })

  test('args: --hops stops taint at the hop limit', async () => {
    const run = await cli(db.url, [
      '--json',
      'trace',
      '--from-tx',
      hash(1),
      '--policy',
      'poison',
      '--hops',
      '1',
    ])
    const trace = JSON.parse(run.stdout)
    expect(trace.result.endpoints).toEqual([])
    // The thief is hop 0, A and B hop 1: their 70 ETH to the exchange would be hop 2.
    expect(BigInt(trace.result.totals.hopLimit)).toBe(70n * eth)
  })

  test('error: no seed is refused with a reason', async () => {
    const none = await cli(db.url, ['trace'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Give at least one seed')
  })
})
