import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { TransferEvent } from './TraceEvent.js'
import { traceBackward } from './traceBackward.js'
import { traceForward } from './traceForward.js'

// Account model, random graphs: mints and burns (null ends), self-transfers, unknown history.

const addresses = ['a0', 'a1', 'a2', 'a3', 'a4']
const address = (i: number | null) => (i === null ? null : (addresses[i] ?? null))

const transfers = fc.array(
  fc.record({
    from: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 8 }),
    to: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 8 }),
    amount: fc.bigInt({ min: 0n, max: 100n }),
  }),
  { maxLength: 25 },
)

type Spec = { from: number | null; to: number | null; amount: bigint }

const build = (specs: readonly Spec[]): TransferEvent[] =>
  specs.map((spec, i) => ({
    kind: 'transfer',
    chain: 'ethereum',
    txHash: `t${i}`,
    blockHeight: i,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from: address(spec.from),
    to: address(spec.to),
    amount: spec.amount,
  }))

const backward = (events: TransferEvent[], target: string, policy: 'haircut' | 'fifo') =>
  traceBackward({
    events,
    targets: [{ kind: 'address', chain: 'ethereum', address: target }],
    policy,
  })

/** Value held by `target` after `events` (received − sent, an outflow beyond it from unknown history). */
function endBalance(events: readonly TransferEvent[], target: string): bigint {
  const balances = new Map<string, bigint>()
  for (const ev of events) {
    if (ev.from !== null) {
      const b = balances.get(ev.from) ?? 0n
      balances.set(ev.from, b < ev.amount ? 0n : b - ev.amount)
    }
    if (ev.to !== null) balances.set(ev.to, (balances.get(ev.to) ?? 0n) + ev.amount)
  }
  return balances.get(target) ?? 0n
}

test('behavior: Y is a poison source of T exactly when a forward poison trace from Y reaches T', () => {
  fc.assert(
    fc.property(transfers, (specs) => {
      const events = build(specs)
      for (const target of addresses) {
        const result = traceBackward({
          events,
          targets: [{ kind: 'address', chain: 'ethereum', address: target }],
          policy: 'poison',
        })
        const sources = new Set(
          result.sources.filter((s) => s.contributed > 0n).map((s) => s.address),
        )
        for (const source of addresses) {
          const forward = traceForward({
            events,
            seeds: [{ kind: 'address', chain: 'ethereum', address: source, sinceBlock: -1 }],
            policy: 'poison',
          })
          const reached = forward.holdings.some((h) => h.address === target && h.received > 0n)
          expect(sources.has(source)).toBe(reached)
        }
      }
    }),
    { numRuns: 200 },
  )
})

const options = fc.record({
  target: fc.integer({ min: 0, max: 4 }),
  stop: fc.option(fc.integer({ min: 0, max: 4 })),
  maxHops: fc.option(fc.nat(4)),
  dust: fc.option(fc.bigInt({ min: 0n, max: 30n })),
  fromBlock: fc.option(fc.nat(25)),
  toBlock: fc.option(fc.nat(25)),
})

describe.each(['haircut', 'fifo'] as const)('behavior: %s backward, random graphs', (policy) => {
  test('the sources, minted value, stops, dust and hop limit explain the holding exactly', () => {
    fc.assert(
      fc.property(transfers, options, (specs, o) => {
        const events = build(specs)
        const target = addresses[o.target] ?? 'a0'
        const stop = o.stop === null ? undefined : addresses[o.stop]
        const result = traceBackward({
          events,
          targets: [{ kind: 'address', chain: 'ethereum', address: target }],
          policy,
          isStop: (_chain, a) => a === stop,
          ...(o.maxHops === null ? {} : { maxHops: o.maxHops }),
          ...(o.dust === null ? {} : { dust: o.dust }),
          window: {
            ...(o.fromBlock === null ? {} : { fromBlock: o.fromBlock }),
            ...(o.toBlock === null ? {} : { toBlock: o.toBlock }),
          },
        })
        const x = result.totals
        const upTo = events.filter((ev) => o.toBlock === null || ev.blockHeight <= o.toBlock)
        expect(x.holding).toBe(endBalance(upTo, target))
        expect(x.holding).toBe(x.origins + x.minted + x.stops + x.dust + x.hopLimit)
        expect(x.contaminated + x.rounding).toBe(0n)
        expect(x.origins).toBe(result.sources.reduce((sum, s) => sum + s.origin, 0n))
        expect(x.stops).toBe(result.endpoints.reduce((sum, e) => sum + e.absorbed, 0n))
        for (const s of result.sources) {
          expect(s.origin).toBeGreaterThanOrEqual(0n)
          expect(s.origin).toBeLessThanOrEqual(x.holding)
          expect(s.contributed).toBeGreaterThanOrEqual(0n)
        }
        for (const t of result.transfers) {
          expect(t.tainted).toBeGreaterThan(0n)
          expect(t.tainted).toBeLessThanOrEqual(t.amount)
          expect(t.tainted).toBeLessThanOrEqual(x.holding)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('behavior: fifo backward is the exact dual of fifo forward', () => {
  test('what a transfer carried of T going back = what a forward trace seeded at it leaves T', () => {
    fc.assert(
      fc.property(transfers, (specs) => {
        const events = build(specs)
        for (const target of addresses) {
          const result = backward(events, target, 'fifo')
          const carried = new Map(result.transfers.map((t) => [t.txHash, t.tainted]))
          for (const ev of events) {
            const forward = traceForward({
              events,
              seeds: [{ kind: 'transfer', chain: 'ethereum', txHash: ev.txHash }],
              policy: 'fifo',
            })
            const held = forward.holdings.find((h) => h.address === target)?.held ?? 0n
            expect(carried.get(ev.txHash) ?? 0n).toBe(held)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  test('a source reaches T forward (address seed) exactly when it passed on more than its origin', () => {
    // An address seed taints what the source receives, not its unknown history (clean): a unit
    // of T it received k times counts k times in `contributed`, once forward.
    fc.assert(
      fc.property(transfers, (specs) => {
        const events = build(specs)
        for (const target of addresses) {
          const bySource = new Map(
            backward(events, target, 'fifo').sources.map((s) => [s.address, s]),
          )
          for (const source of addresses) {
            if (source === target) continue
            const s = bySource.get(source)
            const passed = s === undefined ? 0n : s.contributed - s.origin
            const forward = traceForward({
              events,
              seeds: [{ kind: 'address', chain: 'ethereum', address: source, sinceBlock: -1 }],
              policy: 'fifo',
            })
            const held = forward.holdings.find((h) => h.address === target)?.held ?? 0n
            expect(held).toBeLessThanOrEqual(passed)
            expect(held > 0n).toBe(passed > 0n)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})
