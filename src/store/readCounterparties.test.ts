import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { NATIVE_ASSET, transferPosition } from '../chain/index.js'
import { isChainwatchError } from '../errors/index.js'
import { counterpartyFlowsSql } from './counterpartyFlowsSql.js'
import type { SqlStore } from './SqlStore.js'
import type { CounterpartyFlow } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

const ether = 10n ** 18n
const token = r.address(0xdac17)
const [a, b, c, hub] = [0xa, 0xb, 0xc, 0x4b].map((seed) => r.address(seed))
if (a === undefined || b === undefined || c === undefined || hub === undefined) throw new Error()
const spokes = Array.from({ length: 50 }, (_, i) => r.address(0x1000 + i))

let txSeed = 0
const transfer = (from: string | null, to: string | null, amount: bigint, asset = NATIVE_ASSET) =>
  r.transfer({
    txHash: r.hash(++txSeed),
    kind: asset === NATIVE_ASSET ? 'native' : 'token',
    position: asset === NATIVE_ASSET ? transferPosition.native() : transferPosition.token(0),
    asset,
    from,
    to,
    amount,
  })

/** A→B 5 ETH twice, B→C a token beyond 2^64 twice, 50 spokes paying the hub, noise. */
const evmTransfers = [
  transfer(a, b, 5n * ether),
  transfer(a, b, 5n * ether),
  transfer(b, c, 2n ** 200n, token),
  transfer(b, c, 2n ** 200n + 1n, token),
  transfer(a, a, 7n), // self-transfer: no counterparty
  transfer(a, null, 9n), // burn: no counterparty
  ...spokes.map((spoke, i) => transfer(spoke, hub, BigInt(i + 1) * ether)),
]

/** Expected flows of one address and direction, summed from the transfers above. */
function expectedEvm(address: string, direction: 'in' | 'out', limit: number): CounterpartyFlow[] {
  const sums = new Map<string, CounterpartyFlow>()
  for (const t of evmTransfers) {
    const [self, other] = direction === 'out' ? [t.from, t.to] : [t.to, t.from]
    if (self !== address || other === null || other === self) continue
    const key = `${other} ${t.asset}`
    const seen = sums.get(key)
    sums.set(key, {
      chain: 'ethereum',
      address,
      counterparty: other,
      direction,
      asset: t.asset,
      amount: (seen?.amount ?? 0n) + t.amount,
      transfers: (seen?.transfers ?? 0) + 1,
    })
  }
  return [...sums.values()]
    .sort((x, y) => (x.amount > y.amount ? -1 : x.amount < y.amount ? 1 : 0))
    .slice(0, limit)
}

// Bitcoin: tx 1 spends two outputs of X (one address, two inputs) and one of Y, paying Z and
// change back to X, plus an OP_RETURN; tx 2 pays Z from an input not resolved yet.
const [x, y, z] = ['bc1qxxxx', 'bc1qyyyy', 'bc1qzzzz']
const paid = 2n ** 64n + 5n
const change = 3n
const btc = r.batch({
  outputs: [
    r.output({ txHash: r.hash(901), index: 0, address: z, value: paid }),
    r.output({ txHash: r.hash(901), index: 1, address: x, value: change }),
    r.output({ txHash: r.hash(901), index: 2, address: null, value: 0n, scriptType: 'nulldata' }),
    r.output({ txHash: r.hash(902), index: 0, address: z, value: 11n }),
  ],
  inputs: [
    r.input({ txHash: r.hash(901), index: 0, spentTxHash: r.hash(1), address: x, value: paid }),
    r.input({ txHash: r.hash(901), index: 1, spentTxHash: r.hash(2), address: x, value: 1n }),
    r.input({ txHash: r.hash(901), index: 2, spentTxHash: r.hash(3), address: y, value: 2n }),
    r.input({ txHash: r.hash(902), index: 0, spentTxHash: r.hash(4), address: null }),
  ],
})

const flow = (
  fields: Pick<CounterpartyFlow, 'address' | 'counterparty' | 'direction' | 'amount'> &
    Partial<CounterpartyFlow>,
): CounterpartyFlow => ({ chain: 'bitcoin', asset: NATIVE_ASSET, transfers: 1, ...fields })

describe.each(dialects)('%s: counterparties', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  afterAll(async () => {
    await database.dispose(store)
  })
  beforeEach(async () => {
    await database.clear(store)
  })

  test('default: account chain', async () => {
    await store.writeBatch(r.batch({ transfers: evmTransfers }))
    const limit = 10
    const { flows, counts } = await store.counterparties({
      chain: 'ethereum',
      addresses: [a, b, c, hub],
      limit,
    })
    expect(flows).toEqual(
      [a, b, c, hub].flatMap((address) => [
        ...expectedEvm(address, 'out', limit),
        ...expectedEvm(address, 'in', limit),
      ]),
    )
    expect([...counts]).toEqual([
      [a, { in: 0, out: 1 }],
      [b, { in: 1, out: 1 }],
      [c, { in: 1, out: 0 }],
      [hub, { in: spokes.length, out: 0 }],
    ])
    // The hub is capped to its 10 largest counterparties; counts keep the full 50.
    const hubFlows = flows.filter((f) => f.address === hub)
    expect(hubFlows.map((f) => f.counterparty)).toEqual(spokes.slice(-limit).reverse())
  })

  test('behavior: counterparties ranked across assets', async () => {
    const m = r.address(0x77)
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map((seed) => r.address(0x700 + seed))
    await store.writeBatch(
      r.batch({
        transfers: [
          transfer(p1 ?? '', m, 100n),
          transfer(p3 ?? '', m, 50n),
          transfer(p2 ?? '', m, 5n, token),
          transfer(p4 ?? '', m, 1n, token),
          transfer(p4 ?? '', m, 1n),
        ],
      }),
    )
    const { flows, counts } = await store.counterparties({
      chain: 'ethereum',
      addresses: [m],
      limit: 2,
    })
    // p1 and p2 lead their assets; p3 and p4 are second in one asset, p4 with more transfers.
    expect(flows.map((f) => [f.counterparty, f.asset, f.amount])).toEqual([
      [p1, NATIVE_ASSET, 100n],
      [p2, token, 5n],
    ])
    expect(counts.get(m)).toEqual({ in: 4, out: 0 })
    const all = await store.counterparties({ chain: 'ethereum', addresses: [m], limit: 4 })
    expect(all.flows.map((f) => [f.counterparty, f.asset])).toEqual([
      [p1, NATIVE_ASSET],
      [p2, token],
      [p4, token],
      [p4, NATIVE_ASSET],
      [p3, NATIVE_ASSET],
    ])
  })

  test('default: bitcoin', async () => {
    await store.writeBatch(btc)
    const { flows, counts } = await store.counterparties({
      chain: 'bitcoin',
      addresses: [x, y, z],
      limit: 10,
    })
    expect(flows).toEqual([
      // X spent in tx 1: Z is paid; X's own change is no counterparty, X's two inputs count once.
      flow({ address: x, counterparty: z, direction: 'out', amount: paid }),
      // Y co-signed tx 1, so the change to X is attributed to Y as well (over-attribution).
      flow({ address: x, counterparty: y, direction: 'in', amount: change }),
      flow({ address: y, counterparty: z, direction: 'out', amount: paid }),
      flow({ address: y, counterparty: x, direction: 'out', amount: change }),
      // Z's output of tx 1 is attributed in full to each input address; tx 2's input is unknown.
      flow({ address: z, counterparty: x, direction: 'in', amount: paid }),
      flow({ address: z, counterparty: y, direction: 'in', amount: paid }),
    ])
    expect([...counts]).toEqual([
      [x, { in: 1, out: 1 }],
      [y, { in: 0, out: 2 }],
      [z, { in: 2, out: 0 }],
    ])
  })

  test('behavior: many addresses are chunked', async () => {
    await store.writeBatch(r.batch({ transfers: evmTransfers }))
    const unknown = Array.from({ length: 2_400 }, (_, i) => r.address(0x9000 + i))
    const addresses = [...unknown, ...spokes, hub]
    const { flows, counts } = await store.counterparties({ chain: 'ethereum', addresses, limit: 5 })
    expect(counts.size).toBe(addresses.length)
    expect(flows.filter((f) => f.address !== hub)).toEqual(
      spokes.flatMap((spoke) => expectedEvm(spoke, 'out', 5)),
    )
    expect(counts.get(hub)).toEqual({ in: spokes.length, out: 0 })
    expect(flows.filter((f) => f.address === hub)).toHaveLength(5)
  })

  test('error: limit not a positive integer', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      const failure = await store
        .counterparties({ chain: 'ethereum', addresses: [a], limit })
        .catch((error: unknown) => error)
      expect(isChainwatchError(failure, 'input.invalid')).toBe(true)
    }
  })

  test('behavior: a hub is read through its address index', async () => {
    // 20,000 rows per table, 1% of them the hub's. PostgreSQL plans from statistics, so it
    // gets realistic ones (ANALYZE); SQLite plans without any, as a store never runs ANALYZE.
    const rows = 20_000
    const isHub = (i: number) => i % 100 === 0
    const [evmHub, btcHub] = [hub, 'bc1qhub']
    const transfers = Array.from({ length: rows }, (_, i) =>
      r.transfer({
        txHash: r.hash(i + 1),
        from: r.address(0x10000 + (i % 2_000)),
        to: isHub(i) ? evmHub : r.address(0x20000 + (i % 997)),
        amount: BigInt(i + 1),
      }),
    )
    const outputs = Array.from({ length: rows }, (_, i) =>
      r.output({ txHash: r.hash(i + 1), address: isHub(i) ? btcHub : `bc1qo${i % 3_001}` }),
    )
    const inputs = Array.from({ length: rows }, (_, i) =>
      r.input({
        txHash: r.hash(i + 1),
        spentTxHash: r.hash(rows + i + 1),
        address: isHub(i + 1) ? btcHub : `bc1qi${i % 2_003}`,
        value: 1n,
      }),
    )
    await store.writeBatch(r.batch({ transfers, outputs, inputs }))
    if (dialect === 'postgres') await sql`ANALYZE`.execute(store.db)

    type Search = {
      readonly table: string
      /** How the SQLite plan names it (the query's alias, if any). */
      readonly name: string
      readonly sqliteIndex: string
      readonly postgresIndex: string
      readonly column: string
    }
    const byAddress = (table: string, sqliteIndex: string, column: string): Search => ({
      table,
      name: table,
      sqliteIndex,
      postgresIndex: sqliteIndex,
      column,
    })
    const byTransaction = (table: 'inputs' | 'outputs'): Search => ({
      table,
      name: table[0] ?? '',
      sqliteIndex: `sqlite_autoindex_${table}_1`,
      postgresIndex: `${table}_pk`,
      column: 'tx_hash',
    })
    // The address lookup first, then (Bitcoin) the other side of each transaction.
    const searches: Record<'ethereum' | 'bitcoin', Record<'in' | 'out', readonly Search[]>> = {
      ethereum: {
        out: [byAddress('transfers', 'transfers_from', 'from_address')],
        in: [byAddress('transfers', 'transfers_to', 'to_address')],
      },
      bitcoin: {
        out: [byAddress('inputs', 'inputs_address', 'address'), byTransaction('outputs')],
        in: [byAddress('outputs', 'outputs_address', 'address'), byTransaction('inputs')],
      },
    }
    for (const chain of ['ethereum', 'bitcoin'] as const) {
      for (const direction of ['out', 'in'] as const) {
        const expected = searches[chain][direction]
        for (const addresses of [[chain === 'ethereum' ? evmHub : btcHub], [a, b]]) {
          const query = counterpartyFlowsSql({ dialect, chain, direction, addresses, limit: 10 })
          if (dialect === 'sqlite') {
            // The exact searches: a walk of a whole index prefix (`chain=?`) fails too.
            const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(
              store.db,
            )
            const tables = plan.rows
              .map((row) => row.detail)
              .filter((detail) => /^(SCAN|SEARCH) (transfers|outputs|inputs|o|i)\b/.test(detail))
            expect(tables).toEqual(
              expected.map(
                (search) =>
                  `SEARCH ${search.name} USING INDEX ${search.sqliteIndex} (chain=? AND ${search.column}=?)`,
              ),
            )
            continue
          }
          // The address lookup uses its index; joins are the planner's choice by table size
          // (on 20,000 rows a hash join may scan the other table; on a large store it loops
          // over the primary key).
          const [lookup] = expected
          const plan = await sql<Record<string, string>>`EXPLAIN ${query}`.execute(store.db)
          const lines = plan.rows.flatMap((row) => Object.values(row))
          expect(lines.some((line) => line.includes(`Seq Scan on ${lookup?.table}  (`))).toBe(false)
          expect(
            lines.some((line) =>
              new RegExp(
                `(Index Scan using|Bitmap Index Scan on) ${lookup?.postgresIndex}\\b`,
              ).test(line),
            ),
          ).toBe(true)
        }
      }
    }
    // And the capped answer for the hub.
    const { flows, counts } = await store.counterparties({
      chain: 'ethereum',
      addresses: [evmHub],
      limit: 10,
    })
    const senders = new Set(transfers.filter((t) => t.to === evmHub).map((t) => t.from))
    expect(counts.get(evmHub)).toEqual({ in: senders.size, out: 0 })
    expect(flows).toHaveLength(10)
  })
})
