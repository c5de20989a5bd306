import fc from 'fast-check'
import { expect, test } from 'vitest'
import type { TransferEvent } from './TraceEvent.js'
import { traceBackward } from './traceBackward.js'

// Haircut backward is the transpose of haircut forward. Both floor at every transfer, so the
// integer figures differ by rounding; in exact rational arithmetic they are equal. This test
// computes both directions in rationals, independently of the engine, checks that they agree
// exactly, and that the engine stays within its proven rounding bound of them.

/** A non-negative rational n / d, d > 0. */
type Q = { readonly n: bigint; readonly d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n < 0n ? -n : n, d) || 1n
  return { n: n / g, d: d / g }
}
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d)
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d)
/** a × k / m for integers k, m (m > 0). */
const scale = (a: Q, k: bigint, m: bigint) => q(a.n * k, a.d * m)
const eq = (a: Q, b: Q) => a.n === b.n && a.d === b.d
const ZERO = q(0n)

const addresses = ['a0', 'a1', 'a2', 'a3']
const transfers = fc.array(
  fc.record({
    from: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
    to: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
    amount: fc.bigInt({ min: 0n, max: 100n }),
  }),
  { maxLength: 20 },
)

/** Forward haircut in rationals: what of transfer `seed`'s value `target` holds at the end. */
function forwardShare(events: readonly TransferEvent[], seed: number, target: string): Q {
  const balance = new Map<string, bigint>()
  const taint = new Map<string, Q>()
  events.forEach((ev, i) => {
    if (ev.amount === 0n) return
    let carried = ZERO
    if (ev.from !== null) {
      const before = balance.get(ev.from) ?? 0n
      const b = before < ev.amount ? ev.amount : before
      carried = scale(taint.get(ev.from) ?? ZERO, ev.amount, b)
      taint.set(ev.from, sub(taint.get(ev.from) ?? ZERO, carried))
      balance.set(ev.from, b - ev.amount)
    }
    if (i === seed) carried = q(ev.amount)
    if (ev.to !== null) {
      balance.set(ev.to, (balance.get(ev.to) ?? 0n) + ev.amount)
      taint.set(ev.to, add(taint.get(ev.to) ?? ZERO, carried))
    }
  })
  return taint.get(target) ?? ZERO
}

/** Backward haircut in rationals (docs/tracing.md): what each transfer carried of `target`'s holding. */
function backwardShares(events: readonly TransferEvent[], target: string): Q[] {
  const balance = new Map<string, bigint>()
  const raises = events.map((ev) => {
    if (ev.amount === 0n) return 0n
    let raise = 0n
    if (ev.from !== null) {
      const before = balance.get(ev.from) ?? 0n
      raise = before < ev.amount ? ev.amount - before : 0n
      balance.set(ev.from, before + raise - ev.amount)
    }
    if (ev.to !== null) balance.set(ev.to, (balance.get(ev.to) ?? 0n) + ev.amount)
    return raise
  })
  const demand = new Map<string, Q>([[target, q(balance.get(target) ?? 0n)]])
  const shares = events.map(() => ZERO)
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]
    if (ev === undefined || ev.amount === 0n) continue
    let carried = ZERO
    if (ev.to !== null) {
      const b = balance.get(ev.to) ?? 0n
      carried = scale(demand.get(ev.to) ?? ZERO, ev.amount, b)
      demand.set(ev.to, sub(demand.get(ev.to) ?? ZERO, carried))
      balance.set(ev.to, b - ev.amount)
    }
    shares[i] = carried
    if (ev.from !== null) {
      const b = (balance.get(ev.from) ?? 0n) + ev.amount
      let d = add(demand.get(ev.from) ?? ZERO, carried)
      const raise = raises[i] ?? 0n
      // The unknown history the outflow drew goes back to the sender's history.
      if (raise > 0n) d = sub(d, scale(d, raise, b))
      demand.set(ev.from, d)
      balance.set(ev.from, b - raise)
    }
  }
  return shares
}

test('behavior: haircut backward = haircut forward seeded at each transfer, in exact arithmetic', () => {
  fc.assert(
    fc.property(transfers, (specs) => {
      const events: TransferEvent[] = specs.map((spec, i) => ({
        kind: 'transfer',
        chain: 'ethereum',
        txHash: `t${i}`,
        blockHeight: i,
        txIndex: 0,
        position: 'a',
        asset: 'native',
        from: spec.from === null ? null : (addresses[spec.from] ?? null),
        to: spec.to === null ? null : (addresses[spec.to] ?? null),
        amount: spec.amount,
      }))
      // One floor per transfer going back and per unknown history returned: the L1 distance
      // of the integer demands from the rational ones grows by under 2 per floor (measured on
      // these graphs: at most 2 units).
      const bound = q(4n * BigInt(events.length) + 1n)
      for (const target of addresses) {
        const shares = backwardShares(events, target)
        const engine = traceBackward({
          events,
          targets: [{ kind: 'address', chain: 'ethereum', address: target }],
          policy: 'haircut',
        })
        const carried = new Map(engine.transfers.map((t) => [t.txHash, t.tainted]))
        events.forEach((ev, i) => {
          const exact = shares[i] ?? ZERO
          expect(eq(exact, forwardShare(events, i, target))).toBe(true)
          const diff = sub(q(carried.get(ev.txHash) ?? 0n), exact)
          const distance = diff.n < 0n ? q(-diff.n, diff.d) : diff
          expect(distance.n * bound.d <= bound.n * distance.d).toBe(true)
        })
      }
    }),
    { numRuns: 200 },
  )
})
