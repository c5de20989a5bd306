import { describe, expect, test } from 'vitest'
import type { ForwardEvent, TracePolicy } from './TraceEvent.js'
import type { TraceTotals } from './TraceResult.js'
import { A, B, before, C, held, move, run, swap, theft, totals } from './testCrossAsset.js'
import { traceForward } from './traceForward.js'

// Swaps: Example 4 of docs/tracing.md and the cases around it; every expected number is
// computed by hand there or in the comments.

/** Block 3: U swaps 200 A for 1,000 B in pool P (V2: in-leg, out-leg, Swap). */
const v2Swap: readonly ForwardEvent[] = [
  move(3, 'sw', 'c000000', A, 'U', 'P', 200n),
  move(3, 'sw', 'c000001', B, 'P', 'U', 1000n),
  swap(3, 'sw', 'c000003', 'P', 'U', [A, 200n], [B, 1000n]),
  move(4, 'spend', 'c000000', B, 'U', 'W', 500n),
]

/** The same swap as V3 runs it: the pool pays out first, then takes in. */
const v3Swap: readonly ForwardEvent[] = [
  move(3, 'sw', 'c000000', B, 'P', 'U', 1000n),
  move(3, 'sw', 'c000001', A, 'U', 'P', 200n),
  swap(3, 'sw', 'c000002', 'P', 'U', [A, 200n], [B, 1000n]),
  move(4, 'spend', 'c000000', B, 'U', 'W', 500n),
]

/** The worked example's route: 200 A → P1 → 1,000 B → P2 → 3,000 C back to U. */
const route: readonly ForwardEvent[] = [
  move(3, 'route', 'c000000', A, 'U', 'P1', 200n),
  move(3, 'route', 'c000001', B, 'P1', 'P2', 1000n),
  swap(3, 'route', 'c000003', 'P1', 'P2', [A, 200n], [B, 1000n]),
  move(3, 'route', 'c000004', C, 'P2', 'U', 3000n),
  swap(3, 'route', 'c000006', 'P2', 'U', [B, 1000n], [C, 3000n]),
]

describe('behavior: a single swap', () => {
  // poison: the in-leg carries 200 (U is poisoned), the out-leg all 1,000 B; U → W 500 B.
  // haircut: in-leg floor(200 × 100 / 400) = 50; out-leg floor(1000 × 50 / 200) = 250; U → W
  //   floor(500 × 250 / 1000) = 125.
  // fifo: the in-leg takes U's lots T100, C100; scaled by 1000/200: T500, C500; U → W takes T500.
  const cases: [TracePolicy, Record<string, bigint>, Partial<TraceTotals>][] = [
    [
      'poison',
      { [`U ${A}`]: 200n, [`U ${B}`]: 500n, [`W ${B}`]: 500n },
      {
        seeded: 100n,
        contaminated: 300n,
        held: 1200n,
        swappedIn: 1000n,
        swappedOut: 200n,
      },
    ],
    [
      'haircut',
      { [`U ${A}`]: 50n, [`U ${B}`]: 125n, [`W ${B}`]: 125n },
      { seeded: 100n, held: 300n, swappedIn: 250n, swappedOut: 50n },
    ],
    ['fifo', { [`W ${B}`]: 500n }, { seeded: 100n, held: 500n, swappedIn: 500n, swappedOut: 100n }],
  ]
  test.each(cases)('%s: V2 order (in-leg first)', (policy, expected, expectedTotals) => {
    const result = run(v2Swap, policy)
    expect(held(result)).toEqual(expected)
    expect(result.totals).toEqual(totals(expectedTotals))
    expect(result.holdings.find((h) => h.address === 'P')).toBeUndefined()
    expect(result.unmatchedSwaps).toBe(0)
  })

  test.each(cases)(
    '%s: V3 order (out-leg first) gives the same',
    (policy, expected, expectedTotals) => {
      const result = run(v3Swap, policy)
      expect(held(result)).toEqual(expected)
      expect(result.totals).toEqual(totals(expectedTotals))
    },
  )

  test('the in-leg is listed with fate swap, the out-leg at the in-leg hop', () => {
    const result = run(v2Swap, 'haircut')
    expect(result.transfers.map((x) => [x.txHash, x.asset, x.tainted, x.hop, x.fate])).toEqual([
      ['theft', A, 100n, 0, 'held'],
      ['sw', A, 50n, 1, 'swap'],
      ['sw', B, 250n, 1, 'held'],
      ['spend', B, 125n, 2, 'held'],
    ])
  })

  test('dust and the hop limit apply to the recipient of the out-leg', () => {
    const limited = traceForward({
      events: [...before, ...v2Swap],
      seeds: theft,
      policy: 'haircut',
      maxHops: 0,
    })
    // U is hop 0; the in-leg is hop 1 > 0: the converted 250 B is absorbed at the limit.
    expect(limited.totals).toEqual(
      totals({ seeded: 100n, held: 50n, hopLimit: 250n, swappedIn: 250n, swappedOut: 50n }),
    )
    const dust = traceForward({
      events: [...before, ...v2Swap],
      seeds: theft,
      policy: 'haircut',
      dust: 251n,
    })
    expect(dust.totals).toEqual(
      totals({ seeded: 100n, held: 50n, dust: 250n, swappedIn: 250n, swappedOut: 50n }),
    )
  })

  test('a pool that is a stop address absorbs: the swap is not followed', () => {
    const result = traceForward({
      events: [...before, ...v2Swap],
      seeds: theft,
      policy: 'haircut',
      isStop: (_chain, address) => address === 'P',
    })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 50n, stops: 50n }))
    expect(result.unmatchedSwaps).toBe(0)
  })
})

describe('behavior: a two-pool route', () => {
  // The out-leg of the first swap (P1 → P2, 1,000 B) is the in-leg of the second.
  // poison: 200 A → 1,000 B → 3,000 C. haircut: 50 A → floor(1000 × 50 / 200) = 250 B →
  // floor(3000 × 250 / 1000) = 750 C. fifo: [T100, C100] → [T500, C500] → [T1500, C1500].
  const cases: [TracePolicy, Record<string, bigint>, Partial<TraceTotals>][] = [
    [
      'poison',
      { [`U ${A}`]: 200n, [`U ${C}`]: 3000n },
      { seeded: 100n, contaminated: 300n, held: 3200n, swappedIn: 4000n, swappedOut: 1200n },
    ],
    [
      'haircut',
      { [`U ${A}`]: 50n, [`U ${C}`]: 750n },
      { seeded: 100n, held: 800n, swappedIn: 1000n, swappedOut: 300n },
    ],
    [
      'fifo',
      { [`U ${C}`]: 1500n },
      { seeded: 100n, held: 1500n, swappedIn: 2000n, swappedOut: 600n },
    ],
  ]
  test.each(cases)('%s', (policy, expected, expectedTotals) => {
    const result = run(route, policy)
    expect(held(result)).toEqual(expected)
    expect(result.totals).toEqual(totals(expectedTotals))
    // Neither pool keeps any taint: it was converted, leg by leg.
    expect(result.holdings.filter((h) => h.address.startsWith('P'))).toEqual([])
  })

  test('fates: both in-legs are swaps, the last out-leg is held', () => {
    const result = run(route, 'haircut')
    expect(result.transfers.slice(1).map((x) => [x.from, x.to, x.tainted, x.fate])).toEqual([
      ['U', 'P1', 50n, 'swap'],
      ['P1', 'P2', 250n, 'swap'],
      ['P2', 'U', 750n, 'held'],
    ])
  })
})

describe('behavior: an unmatched swap', () => {
  test.each(['poison', 'haircut', 'fifo'] as const)(
    '%s: ignored, counted, value flows as transfers',
    (policy) => {
      // The Swap log says 999 B came out, but the transaction moved 1,000 B: no out-leg.
      const events = [
        ...v2Swap.slice(0, 2),
        swap(3, 'sw', 'c000003', 'P', 'U', [A, 200n], [B, 999n]),
      ]
      const result = run(events, policy)
      expect(result.unmatchedSwaps).toBe(1)
      expect(result.totals.swappedIn).toBe(0n)
      expect(result.totals.swappedOut).toBe(0n)
      // The pool holds the taint of the plain transfer; the B it paid out was clean (taint is
      // per asset: even poison leaves the pool's B clean).
      const pool = result.holdings.find((h) => h.address === 'P' && h.asset === A)
      expect(pool?.held).toBe({ poison: 200n, haircut: 50n, fifo: 100n }[policy])
      expect(result.holdings.filter((h) => h.asset === B)).toEqual([])
    },
  )
})
