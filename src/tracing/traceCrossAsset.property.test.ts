import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { ForwardEvent, TracePolicy, TraceSeed } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { traceForward } from './traceForward.js'

const holders = ['a0', 'a1', 'a2', 'a3']
const pools = ['p0', 'p1']
const tokens = ['native', 't0', 't1', 't2']
const policies: readonly TracePolicy[] = ['poison', 'haircut', 'fifo']

const plain = fc.record({
  kind: fc.constant('plain' as const),
  from: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 8 }),
  to: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 8 }),
  token: fc.integer({ min: 0, max: 3 }),
  amount: fc.bigInt({ min: 0n, max: 1000n }),
})

const swapTx = fc.record({
  kind: fc.constant('swap' as const),
  sender: fc.integer({ min: 0, max: 3 }),
  recipient: fc.integer({ min: 0, max: 3 }),
  hops: fc.integer({ min: 1, max: 2 }),
  tokens: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
  amounts: fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 3, maxLength: 3 }),
  v3: fc.boolean(),
  broken: fc.boolean(),
})

const depositTx = fc.record({
  kind: fc.constant('deposit' as const),
  sender: fc.integer({ min: 0, max: 3 }),
  token: fc.integer({ min: 0, max: 3 }),
  amount: fc.bigInt({ min: 0n, max: 1000n }),
  viaRouter: fc.boolean(),
})

const scenario = fc.record({
  txs: fc.array(fc.oneof({ arbitrary: plain, weight: 3 }, swapTx, depositTx), {
    minLength: 5,
    maxLength: 40,
  }),
  transferSeeds: fc.array(fc.nat(39), { minLength: 1, maxLength: 3 }),
  addressSeed: fc.option(fc.record({ address: fc.integer({ min: 0, max: 5 }), since: fc.nat(40) })),
  stop: fc.option(fc.integer({ min: 0, max: 5 })),
  maxHops: fc.option(fc.nat(4)),
  dust: fc.option(fc.bigInt({ min: 0n, max: 50n })),
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

/** Plain holders first, then the pools: a plain transfer may touch a pool (liquidity, direct sends). */
const party = (i: number) => [...holders, ...pools][i] ?? 'a0'
const token = (i: number) => tokens[i] ?? 'native'

/** One transaction per block; legs, swaps and deposits positioned as their contracts log them. */
function build(s: Scenario): { events: ForwardEvent[]; seeds: TraceSeed[] } {
  const events: ForwardEvent[] = []
  s.txs.forEach((tx, block) => {
    const base = { chain: 'ethereum' as const, txHash: `t${block}`, blockHeight: block, txIndex: 0 }
    const move = (
      position: string,
      asset: string,
      from: string | null,
      to: string | null,
      amount: bigint,
    ) => events.push({ ...base, kind: 'transfer', position, asset, from, to, amount })
    if (tx.kind === 'plain') {
      move(
        'c000000',
        token(tx.token),
        tx.from === null ? null : party(tx.from),
        tx.to === null ? null : party(tx.to),
        tx.amount,
      )
    } else if (tx.kind === 'swap') {
      const [first = 0, second = 1, third = 2] = tx.tokens
      const [a0 = 0n, a1 = 0n, a2 = 0n] = tx.amounts
      const route = [
        { pool: 'p0', tokenIn: token(first), amountIn: a0, tokenOut: token(second), amountOut: a1 },
        { pool: 'p1', tokenIn: token(second), amountIn: a1, tokenOut: token(third), amountOut: a2 },
      ].slice(0, tx.hops)
      let log = 0
      const position = () => `c${String(log++).padStart(6, '0')}`
      const sender = party(tx.sender)
      route.forEach((hop, i) => {
        const next = route[i + 1]
        const recipient = next === undefined ? party(tx.recipient) : next.pool
        const inLeg = () => {
          if (i === 0) move(position(), hop.tokenIn, sender, hop.pool, hop.amountIn)
        }
        const outLeg = () => move(position(), hop.tokenOut, hop.pool, recipient, hop.amountOut)
        if (tx.v3) {
          outLeg()
          inLeg()
        } else {
          inLeg()
          outLeg()
        }
        const amountOut = tx.broken && i === 0 ? hop.amountOut + 1n : hop.amountOut
        events.push({
          ...base,
          kind: 'swap',
          position: position(),
          protocol: tx.v3 ? 'uniswap-v3' : 'uniswap-v2',
          pool: hop.pool,
          recipient,
          tokenIn: hop.tokenIn,
          amountIn: hop.amountIn,
          tokenOut: hop.tokenOut,
          amountOut,
        })
      })
    } else {
      const asset = token(tx.token)
      const sender = party(tx.sender)
      if (tx.viaRouter) {
        move('a', asset, sender, 'router', tx.amount)
        move('b00000', asset, 'router', 'vault', tx.amount)
      } else move('c000000', asset, sender, 'vault', tx.amount)
      events.push({
        ...base,
        kind: 'bridge-deposit',
        position: 'c000001',
        router: 'router',
        vault: 'vault',
        depositor: sender,
        asset,
        amount: tx.amount,
        memo: '=:BTC.BTC:bc1qdest',
        blockTime: block * 600,
      })
    }
  })
  const seeds: TraceSeed[] = s.transferSeeds.map((i) => ({
    kind: 'transfer',
    chain: 'ethereum',
    txHash: `t${i}`,
  }))
  if (s.addressSeed !== null) {
    seeds.push({
      kind: 'address',
      chain: 'ethereum',
      address: party(s.addressSeed.address),
      sinceBlock: s.addressSeed.since,
    })
  }
  return { events, seeds }
}

function trace(s: Scenario, policy: TracePolicy): TraceResult {
  const { events, seeds } = build(s)
  const stop = s.stop === null ? undefined : party(s.stop)
  return traceForward({
    events,
    seeds,
    policy,
    isStop: (_chain, address) => address === stop,
    ...(s.maxHops === null ? {} : { maxHops: s.maxHops }),
    ...(s.dust === null ? {} : { dust: s.dust }),
  })
}

describe('behavior: random swaps and bridge deposits', () => {
  test.each(policies)('%s: taint is conserved with swappedIn, swappedOut and bridged', (policy) => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = trace(s, policy)
        const x = result.totals
        expect(x.seeded + x.contaminated + x.swappedIn).toBe(
          x.held +
            x.stops +
            x.dust +
            x.hopLimit +
            x.fees +
            x.burned +
            x.rounding +
            x.swappedOut +
            x.bridged,
        )
        expect(x.held).toBe(result.holdings.reduce((sum, h) => sum + h.held, 0n))
        expect(x.bridged).toBe(result.links.reduce((sum, l) => sum + l.tainted, 0n))
        for (const h of result.holdings) expect(h.held).toBeGreaterThanOrEqual(0n)
        if (policy !== 'poison') expect(x.contaminated).toBe(0n)
        for (const t of result.transfers) {
          expect(t.tainted).toBeGreaterThan(0n)
          expect(t.tainted).toBeLessThanOrEqual(t.amount)
        }
        // Every link's taint is the taint listed on its value leg.
        const legs = result.transfers.filter((t) => t.fate === 'bridge')
        expect(legs.map((t) => [t.txHash, t.tainted])).toEqual(
          result.links.map((l) => [l.txHash, l.tainted]),
        )
        // Unmatched swaps are exactly the broken ones, and the swaps with a zero amount.
        const { events } = build(s)
        const broken = s.txs.filter(
          (tx) =>
            tx.kind === 'swap' &&
            (tx.broken || tx.amounts.slice(0, tx.hops + 1).some((a) => a === 0n)),
        ).length
        expect(result.unmatchedSwaps).toBeLessThanOrEqual(
          events.filter((e) => e.kind === 'swap').length,
        )
        expect(result.unmatchedSwaps).toBeGreaterThanOrEqual(broken)
      }),
      { numRuns: 300 },
    )
  })

  test('every endpoint reached under haircut or fifo is reached under poison', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const key = (e: { chain: string; address: string; asset: string }) =>
          `${e.chain}|${e.address}|${e.asset}`
        const poisoned = new Set(trace(s, 'poison').endpoints.map(key))
        for (const policy of ['haircut', 'fifo'] as const) {
          for (const endpoint of trace(s, policy).endpoints)
            expect(poisoned.has(key(endpoint))).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})

test('behavior: the random scenarios do exercise swaps and deposits', () => {
  let swapped = 0
  let bridged = 0
  let mixed = 0
  fc.assert(
    fc.property(scenario, (s) => {
      const result = trace(s, 'haircut')
      if (result.totals.swappedIn > 0n) swapped++
      if (result.totals.bridged > 0n) bridged++
      if (result.transfers.some((t) => t.fate === 'swap' && t.from?.startsWith('p') === true))
        mixed++
    }),
    { numRuns: 300, seed: 42 },
  )
  expect(swapped).toBeGreaterThan(20)
  expect(bridged).toBeGreaterThan(20)
  expect(mixed).toBeGreaterThan(0)
})
