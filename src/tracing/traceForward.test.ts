import { describe, expect, test } from 'vitest'
import { ChainwatchError } from '../errors/index.js'
import type {
  TraceEvent,
  TracePolicy,
  TraceSeed,
  TransferEvent,
  UtxoTxEvent,
} from './TraceEvent.js'
import type { TraceResult, TraceTotals } from './TraceResult.js'
import { type TraceForwardParameters, traceForward } from './traceForward.js'

// The worked examples of docs/tracing.md; every expected number is computed by hand there.

function t(
  block: number,
  from: string | null,
  to: string | null,
  amount: bigint,
  txHash?: string,
): TransferEvent {
  return {
    kind: 'transfer',
    chain: 'ethereum',
    txHash: txHash ?? `tx${block}`,
    blockHeight: block,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from,
    to,
    amount,
  }
}

/** Example 1: a seeded transfer into A, mixed with clean value, fanned out to B and D. */
const example1: readonly TraceEvent[] = [
  t(1, 'X', 'A', 100n, 'theft'),
  t(2, 'C', 'A', 300n),
  t(3, 'A', 'B', 200n),
  t(4, 'A', 'D', 200n),
  t(5, 'B', 'E', 50n),
]
const theft: readonly TraceSeed[] = [{ kind: 'transfer', chain: 'ethereum', txHash: 'theft' }]

/** Example 2: an address seed with known and unknown history. */
const example2: readonly TraceEvent[] = [
  t(5, 'P', 'S', 70n),
  t(10, 'S', 'Q', 100n),
  t(11, 'R', 'S', 40n),
]
const seedS: readonly TraceSeed[] = [
  { kind: 'address', chain: 'ethereum', address: 'S', sinceBlock: 10 },
]

function utxo(
  block: number,
  txHash: string,
  inputs: [string, number, string, bigint][],
  outputs: [string, bigint][],
): UtxoTxEvent {
  return {
    kind: 'utxo-tx',
    chain: 'bitcoin',
    txHash,
    blockHeight: block,
    txIndex: 0,
    inputs: inputs.map(([spentTxHash, spentOutputIndex, address, value]) => ({
      spentTxHash,
      spentOutputIndex,
      address,
      value,
    })),
    outputs: outputs.map(([address, value], index) => ({ index, address, value })),
  }
}

/** Example 3: a coinbase, a transaction with a fee, and a spend of its change. */
const example3: readonly TraceEvent[] = [
  utxo(
    1,
    'tx0',
    [],
    [
      ['a', 30n],
      ['b', 70n],
    ],
  ),
  utxo(
    2,
    'tx1',
    [
      ['tx0', 1, 'b', 70n],
      ['tx0', 0, 'a', 30n],
    ],
    [
      ['c', 33n],
      ['d', 57n],
    ],
  ),
  utxo(
    3,
    'tx2',
    [['tx1', 1, 'd', 57n]],
    [
      ['e', 20n],
      ['f', 37n],
    ],
  ),
]
const seedA: readonly TraceSeed[] = [
  { kind: 'output', chain: 'bitcoin', txHash: 'tx0', outputIndex: 0 },
]

function run(
  events: readonly TraceEvent[],
  seeds: readonly TraceSeed[],
  policy: TracePolicy,
  extra: Partial<TraceForwardParameters> = {},
): TraceResult {
  return traceForward({ events, seeds, policy, ...extra })
}

function held(result: TraceResult): Record<string, bigint> {
  return Object.fromEntries(
    result.holdings.filter((h) => h.held > 0n).map((h) => [h.address, h.held]),
  )
}

function totals(partial: Partial<TraceTotals>): TraceTotals {
  return {
    seeded: 0n,
    contaminated: 0n,
    held: 0n,
    stops: 0n,
    dust: 0n,
    hopLimit: 0n,
    fees: 0n,
    burned: 0n,
    rounding: 0n,
    swappedIn: 0n,
    swappedOut: 0n,
    bridged: 0n,
    ...partial,
  }
}

describe('behavior: example 1 (account model)', () => {
  test('poison', () => {
    const result = run(example1, theft, 'poison')
    expect(held(result)).toEqual({ B: 150n, D: 200n, E: 50n })
    expect(result.totals).toEqual(totals({ seeded: 100n, contaminated: 300n, held: 400n }))
    expect(result.transfers.map((x) => [x.to, x.tainted, x.hop])).toEqual([
      ['A', 100n, 0],
      ['B', 200n, 1],
      ['D', 200n, 1],
      ['E', 50n, 2],
    ])
  })

  test('haircut', () => {
    const result = run(example1, theft, 'haircut')
    expect(held(result)).toEqual({ B: 38n, D: 50n, E: 12n })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 100n }))
    expect(result.transfers.map((x) => [x.to, x.tainted])).toEqual([
      ['A', 100n],
      ['B', 50n],
      ['D', 50n],
      ['E', 12n],
    ])
    const b = result.holdings.find((h) => h.address === 'B')
    expect(b).toMatchObject({ received: 50n, held: 38n, seeded: 0n, hop: 1 })
  })

  test('fifo', () => {
    const result = run(example1, theft, 'fifo')
    expect(held(result)).toEqual({ B: 50n, E: 50n })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 100n }))
    expect(result.transfers.map((x) => [x.to, x.tainted])).toEqual([
      ['A', 100n],
      ['B', 100n],
      ['E', 50n],
    ])
  })

  test('stop absorbs and does not pass on', () => {
    const result = run(example1, theft, 'haircut', { isStop: (_chain, address) => address === 'B' })
    expect(result.endpoints).toEqual([
      { chain: 'ethereum', address: 'B', asset: 'native', absorbed: 50n, hop: 1 },
    ])
    expect(held(result)).toEqual({ D: 50n })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 50n, stops: 50n }))
  })

  test('hop limit', () => {
    const result = run(example1, theft, 'haircut', { maxHops: 1 })
    expect(held(result)).toEqual({ B: 38n, D: 50n })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 88n, hopLimit: 12n }))
    expect(result.transfers.at(-1)).toMatchObject({
      to: 'E',
      tainted: 12n,
      hop: 2,
      fate: 'hop-limit',
    })
  })

  test('dust', () => {
    const result = run(example1, theft, 'haircut', { dust: 20n })
    expect(held(result)).toEqual({ B: 38n, D: 50n })
    expect(result.totals).toEqual(totals({ seeded: 100n, held: 88n, dust: 12n }))
  })

  test('window: toBlock skips later events', () => {
    const result = run(example1, theft, 'haircut', { window: { toBlock: 4 } })
    expect(held(result)).toEqual({ B: 50n, D: 50n })
  })

  test('window: a seed before fromBlock emits nothing', () => {
    const result = run(example1, theft, 'poison', { window: { fromBlock: 2 } })
    expect(result.holdings).toEqual([])
    expect(result.totals).toEqual(totals({}))
  })

  test('burn', () => {
    const result = run([...example1, t(6, 'D', null, 80n)], theft, 'poison')
    expect(result.totals).toEqual(
      totals({ seeded: 100n, contaminated: 300n, held: 320n, burned: 80n }),
    )
  })

  test('fifo: a self-transfer re-queues the lots it takes', () => {
    const events = [...example1.slice(0, 2), t(3, 'A', 'A', 150n), ...example1.slice(2)]
    // A's lots [T100, C300] become [C250, T100, C50]: A→B takes clean 200, A→D takes C50 T100 C50.
    const result = run(events, theft, 'fifo')
    expect(held(result)).toEqual({ D: 100n })
  })
})

describe('behavior: example 2 (address seed, unknown history)', () => {
  const cases: [TracePolicy, Record<string, bigint>, Partial<TraceTotals>][] = [
    ['poison', { Q: 100n, S: 40n }, { seeded: 110n, contaminated: 30n, held: 140n }],
    ['haircut', { Q: 70n, S: 40n }, { seeded: 110n, held: 110n }],
    ['fifo', { Q: 70n, S: 40n }, { seeded: 110n, held: 110n }],
  ]
  test.each(cases)('%s', (policy, expected, expectedTotals) => {
    const result = run(example2, seedS, policy)
    expect(held(result)).toEqual(expected)
    expect(result.totals).toEqual(totals(expectedTotals))
  })

  test('fromBlock delays the seed', () => {
    const result = run(example2, seedS, 'haircut', { window: { fromBlock: 11 } })
    expect(held(result)).toEqual({ S: 40n })
    expect(result.totals).toEqual(totals({ seeded: 40n, held: 40n }))
  })

  test('a seed past the last event takes the final balance', () => {
    const result = run(
      example2,
      [{ kind: 'address', chain: 'ethereum', address: 'S', sinceBlock: 99 }],
      'haircut',
    )
    expect(held(result)).toEqual({ S: 40n })
  })

  test('poison: a seed address first seen after activation is poisoned, its unknown history contaminated', () => {
    const seeds: TraceSeed[] = [{ kind: 'address', chain: 'ethereum', address: 'N', sinceBlock: 0 }]
    const result = run([t(1, 'N', 'Q', 10n)], seeds, 'poison')
    expect(held(result)).toEqual({ Q: 10n })
    expect(result.totals).toEqual(totals({ contaminated: 10n, held: 10n }))
    expect(run([t(1, 'N', 'Q', 10n)], seeds, 'haircut').totals).toEqual(totals({}))
  })

  test('asset filter', () => {
    const token: TraceEvent = { ...t(12, 'R', 'S', 5n), asset: '0xtoken' }
    const seeds: TraceSeed[] = [
      { kind: 'address', chain: 'ethereum', address: 'S', asset: '0xtoken', sinceBlock: 0 },
    ]
    const result = run([...example2, token], seeds, 'haircut')
    expect(result.holdings.map((h) => [h.address, h.asset, h.held])).toEqual([['S', '0xtoken', 5n]])
  })
})

describe('behavior: example 3 (UTXO with a fee)', () => {
  test('poison', () => {
    const result = run(example3, seedA, 'poison')
    expect(held(result)).toEqual({ c: 33n, e: 20n, f: 37n })
    expect(result.totals).toEqual(totals({ seeded: 30n, contaminated: 70n, held: 90n, fees: 10n }))
  })

  test('haircut', () => {
    const result = run(example3, seedA, 'haircut')
    expect(held(result)).toEqual({ c: 9n, e: 5n, f: 11n })
    expect(result.totals).toEqual(totals({ seeded: 30n, held: 25n, fees: 3n, rounding: 2n }))
  })

  test('fifo', () => {
    const result = run(example3, seedA, 'fifo')
    expect(held(result)).toEqual({ f: 20n })
    expect(result.totals).toEqual(totals({ seeded: 30n, held: 20n, fees: 10n }))
    expect(
      result.transfers.map((x) => [x.txHash, x.outputIndex, x.from, x.to, x.tainted, x.hop]),
    ).toEqual([
      ['tx0', 0, null, 'a', 30n, 0],
      ['tx1', 1, 'a', 'd', 20n, 1],
      ['tx2', 1, 'd', 'f', 20n, 2],
    ])
  })

  test('address seed on a UTXO chain', () => {
    const seeds: TraceSeed[] = [{ kind: 'address', chain: 'bitcoin', address: 'd', sinceBlock: 3 }]
    const result = run(example3, seeds, 'haircut')
    // d's output (57) is tainted at block 3 and spent to e and f with no fee.
    expect(held(result)).toEqual({ e: 20n, f: 37n })
    expect(result.totals).toEqual(totals({ seeded: 57n, held: 57n }))
  })

  test('stop on an output', () => {
    const result = run(example3, seedA, 'fifo', { isStop: (_c, address) => address === 'd' })
    expect(result.endpoints).toEqual([
      { chain: 'bitcoin', address: 'd', asset: 'native', absorbed: 20n, hop: 1 },
    ])
    expect(result.totals).toEqual(totals({ seeded: 30n, stops: 20n, fees: 10n }))
  })
})

describe('errors', () => {
  test('error: outputs worth more than inputs', () => {
    const events = [
      utxo(1, 'tx0', [], [['a', 5n]]),
      utxo(2, 'tx1', [['tx0', 0, 'a', 5n]], [['b', 6n]]),
    ]
    expect(() => run(events, seedA, 'poison')).toThrow(ChainwatchError)
  })

  test('error: negative amount', () => {
    expect(() => run([t(1, 'A', 'B', -1n)], theft, 'poison')).toThrow(/negative/)
  })

  test('error: bad maxHops', () => {
    expect(() => run([], theft, 'poison', { maxHops: -1 })).toThrow(/maxHops/)
  })
})
