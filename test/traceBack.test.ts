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

const source = (address: string, contributed: bigint, origin: bigint, hop: number) => ({
  chain: 'ethereum',
  address,
  asset: 'native',
  contributed: (contributed * eth).toString(),
  origin: (origin * eth).toString(),
  hop,
})

describe.each(testDialects)('%s: chainwatch trace-back', (dialect) => {
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
    await store.close()
  })
  afterAll(() => db.dispose())

  // The exchange ends with 70. Going back under haircut: B → exchange 40 is 40/70 of it (40),
  // A → exchange 30 the rest (30); A's 30 is half of what it held after the thief's 60 came in,
  // so the thief → A transfer carries 30, thief → B all 40: the thief passed on 70 of the 100 it
  // got from the victim, who had it from before the window (its origin).
  test('default: haircut explains the exchange’s 70 ETH back to the victim', async () => {
    const args = ['--json', 'trace-back', '--to', EXCHANGE, '--policy', 'haircut']
    const run = await cli(db.url, args)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const trace = JSON.parse(run.stdout)
    expect(trace.result.sources).toEqual([
      source(VICTIM, 70n, 70n, 3),
      source(THIEF, 70n, 0n, 2),
      source(A, 30n, 0n, 1),
      source(B, 40n, 0n, 1),
    ])
    expect(trace.result.totals).toMatchObject({
      holding: (70n * eth).toString(),
      origins: (70n * eth).toString(),
    })
    expect(trace.manifest).toMatchObject({ direction: 'backward', policy: 'haircut', events: 5 })
    expect(JSON.parse((await cli(db.url, args)).stdout).manifest.sha256).toBe(trace.manifest.sha256)
  })

  test('behavior: a transfer target explains just the value it moved', async () => {
    const run = await cli(db.url, ['--json', 'trace-back', '--to-tx', hash(4), '--policy', 'fifo'])
    expect(run.code).toBe(0)
    const trace = JSON.parse(run.stdout)
    // A → exchange 30 came from A's only inflow, thief → A 60, which came from the victim. The
    // target transfer's sender is hop 0, as a seeded transfer's recipient is going forward.
    expect(trace.result.sources).toEqual([
      source(VICTIM, 30n, 30n, 2),
      source(THIEF, 30n, 0n, 1),
      source(A, 30n, 0n, 0),
    ])
  })

  test('POST /v1/trace/backward returns the same JSON as the CLI', async () => {
    const store = await openStore(db.url)
    try {
      const server = createServer({ store, version: 'test', log: () => undefined })
      const res = await server.request('/v1/trace/backward', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          targets: [{ kind: 'address', address: EXCHANGE }],
          policy: 'poison',
        }),
      })
      expect(res.status).toBe(200)
      const viaCli = JSON.parse(
        (await cli(db.url, ['--json', 'trace-back', '--to', EXCHANGE, '--policy', 'poison']))
          .stdout,
      )
      expect(await res.json()).toEqual(viaCli)
      const bad = await server.request('/v1/trace/backward', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ targets: [{ kind: 'address', address: 'nope' }], policy: 'fifo' }),
      })
      expect(bad.status).toBe(400)
    } finally {
      await store.close()
    }
  })

  test('errors: no target, or a bad number, is an input error naming it', async () => {
    const none = await cli(db.url, ['trace-back', '--policy', 'fifo'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('--to ADDRESS')
    const hops = await cli(db.url, ['trace-back', '--to', EXCHANGE, '--hops', 'two'])
    expect(hops.code).toBe(2)
    expect(hops.stderr).toContain('--hops')
    // The forward trace shares the option parsing: a bad amount is an input error, not a crash.
    const dust = await cli(db.url, ['trace', '--from-tx', hash(1), '--dust', '1e18'])
    expect(dust.code).toBe(2)
    expect(dust.stderr).toContain('--dust')
  })
})
