import fc from 'fast-check'
import { expect, test } from 'vitest'
import type { TransferEvent } from './TraceEvent.js'
import { traceBackward } from './traceBackward.js'
import { traceForward } from './traceForward.js'

const addresses = ['a0', 'a1', 'a2', 'a3', 'a4']

const transfers = fc.array(
  fc.record({
    from: fc.integer({ min: 0, max: 4 }),
    to: fc.integer({ min: 0, max: 4 }),
    amount: fc.bigInt({ min: 0n, max: 100n }),
  }),
  { maxLength: 25 },
)

test('behavior: Y is a poison source of T exactly when a forward poison trace from Y reaches T', () => {
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
        from: addresses[spec.from] ?? null,
        to: addresses[spec.to] ?? null,
        amount: spec.amount,
      }))
      for (const target of addresses) {
        const backward = traceBackward({
          events,
          targets: [{ kind: 'address', chain: 'ethereum', address: target }],
          policy: 'poison',
        })
        const sources = new Set(backward.sources.map((s) => s.address))
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
