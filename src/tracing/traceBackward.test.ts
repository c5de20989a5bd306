import { describe, expect, test } from 'vitest'
import type { TracePolicy, TransferEvent } from './TraceEvent.js'
import { type BackwardResult, type BackwardTarget, traceBackward } from './traceBackward.js'

// The account-model worked examples of docs/tracing.md, "Backward tracing".

function t(block: number, from: string | null, to: string | null, amount: bigint): TransferEvent {
  return {
    kind: 'transfer',
    chain: 'ethereum',
    txHash: `tx${block}`,
    blockHeight: block,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from,
    to,
    amount,
  }
}

// Example 1 of docs/tracing.md.
const example1 = [
  t(1, 'X', 'A', 100n),
  t(2, 'C', 'A', 300n),
  t(3, 'A', 'B', 200n),
  t(4, 'A', 'D', 200n),
  t(5, 'B', 'E', 50n),
]

type Options = Partial<Pick<Parameters<typeof traceBackward>[0], 'maxHops' | 'dust' | 'window'>> & {
  readonly stop?: string
}

function back(
  events: readonly TransferEvent[],
  target: string | BackwardTarget,
  policy: TracePolicy,
  options: Options = {},
): BackwardResult {
  const { stop, ...rest } = options
  return traceBackward({
    events,
    targets: [
      typeof target === 'string' ? { kind: 'address', chain: 'ethereum', address: target } : target,
    ],
    policy,
    ...(stop === undefined ? {} : { isStop: (_chain, address) => address === stop }),
    ...rest,
  })
}

/** [address, contributed, origin, hop] per source. */
const sources = (result: BackwardResult) =>
  result.sources.map((s) => [s.address, s.contributed, s.origin, s.hop])
const transfers = (result: BackwardResult) =>
  result.transfers.map((x) => [x.txHash, x.from, x.to, x.tainted, x.hop, x.fate])
const zero = {
  holding: 0n,
  contaminated: 0n,
  origins: 0n,
  minted: 0n,
  stops: 0n,
  dust: 0n,
  hopLimit: 0n,
  rounding: 0n,
}

describe('behavior: poison backward (example 1)', () => {
  test('from E', () => {
    expect(sources(back(example1, 'E', 'poison'))).toEqual([
      ['A', 200n, 0n, 2],
      ['B', 50n, 0n, 1],
      ['C', 300n, 300n, 3],
      ['X', 100n, 100n, 3],
    ])
  })

  test('from D: B is not a source (A sent to B before it sent to D, B never sent to A)', () => {
    expect(sources(back(example1, 'D', 'poison'))).toEqual([
      ['A', 200n, 0n, 1],
      ['C', 300n, 300n, 2],
      ['X', 100n, 100n, 2],
    ])
  })

  test('hop limit and window', () => {
    expect(sources(back(example1, 'E', 'poison', { maxHops: 2 }))).toEqual([
      ['A', 200n, 0n, 2],
      ['B', 50n, 0n, 1],
    ])
    // From block 3: A held 400 then, all suspect under poison.
    expect(sources(back(example1, 'E', 'poison', { window: { fromBlock: 3 } }))).toEqual([
      ['A', 200n, 400n, 2],
      ['B', 50n, 0n, 1],
    ])
  })

  test('transfers keep their own direction, newest first; a transfer target', () => {
    const target = { kind: 'transfer', chain: 'ethereum', txHash: 'tx4' } as const
    expect(transfers(back(example1, target, 'poison'))).toEqual([
      ['tx4', 'A', 'D', 200n, 0, 'held'],
      ['tx2', 'C', 'A', 300n, 1, 'held'],
      ['tx1', 'X', 'A', 100n, 1, 'held'],
    ])
  })

  test('stop sources end the path', () => {
    const result = back(example1, 'D', 'poison', { stop: 'A' })
    expect(result.sources).toEqual([])
    expect(result.endpoints).toEqual([
      { chain: 'ethereum', address: 'A', asset: 'native', absorbed: 200n, hop: 1 },
    ])
  })
})

describe('behavior: haircut backward (example 1)', () => {
  test('from E: A held 100 of X and 300 of C when it sent to B', () => {
    const result = back(example1, 'E', 'haircut')
    expect(sources(result)).toEqual([
      ['A', 50n, 0n, 2],
      ['B', 50n, 0n, 1],
      ['C', 37n, 37n, 3],
      ['X', 13n, 13n, 3],
    ])
    expect(transfers(result)).toEqual([
      ['tx5', 'B', 'E', 50n, 1, 'held'],
      ['tx3', 'A', 'B', 50n, 2, 'held'],
      ['tx2', 'C', 'A', 37n, 3, 'held'],
      ['tx1', 'X', 'A', 13n, 3, 'held'],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 50n, origins: 50n })
  })

  test('from D', () => {
    const result = back(example1, 'D', 'haircut')
    expect(sources(result)).toEqual([
      ['A', 200n, 0n, 1],
      ['C', 150n, 150n, 2],
      ['X', 50n, 50n, 2],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 200n, origins: 200n })
  })

  test('variants: stop, hop limit, dust, window, transfer target', () => {
    const stopped = back(example1, 'E', 'haircut', { stop: 'A' })
    expect(sources(stopped)).toEqual([['B', 50n, 0n, 1]])
    expect(stopped.endpoints).toEqual([
      { chain: 'ethereum', address: 'A', asset: 'native', absorbed: 50n, hop: 2 },
    ])
    expect(stopped.totals).toEqual({ ...zero, holding: 50n, stops: 50n })
    // A target is traced through even when it is a stop address.
    expect(back(example1, 'E', 'haircut', { stop: 'E' })).toEqual(back(example1, 'E', 'haircut'))
    // X's and C's unknown history is one step behind them: hop 4 > 3.
    expect(back(example1, 'E', 'haircut', { maxHops: 3 }).totals).toEqual({
      ...zero,
      holding: 50n,
      hopLimit: 50n,
    })
    expect(back(example1, 'E', 'haircut', { maxHops: 2 }).totals).toEqual({
      ...zero,
      holding: 50n,
      hopLimit: 50n,
    })
    expect(back(example1, 'E', 'haircut', { dust: 20n }).totals).toEqual({
      ...zero,
      holding: 50n,
      origins: 37n,
      dust: 13n,
    })
    // From block 3, A's balance then (400) is the origin of what it sent to B.
    expect(sources(back(example1, 'E', 'haircut', { window: { fromBlock: 3 } }))).toEqual([
      ['A', 50n, 50n, 2],
      ['B', 50n, 0n, 1],
    ])
    // At block 4, E holds nothing yet.
    expect(back(example1, 'E', 'haircut', { window: { toBlock: 4 } }).sources).toEqual([])
    const theft = back(example1, { kind: 'transfer', chain: 'ethereum', txHash: 'tx3' }, 'haircut')
    expect(sources(theft)).toEqual([
      ['A', 200n, 0n, 0],
      ['C', 150n, 150n, 1],
      ['X', 50n, 50n, 1],
    ])
  })
})

describe('behavior: fifo backward (example 1)', () => {
  test('from E: the first 50 A sent to B were the first 50 X sent to A', () => {
    const result = back(example1, 'E', 'fifo')
    expect(sources(result)).toEqual([
      ['A', 50n, 0n, 2],
      ['B', 50n, 0n, 1],
      ['X', 50n, 50n, 3],
    ])
    expect(transfers(result)).toEqual([
      ['tx5', 'B', 'E', 50n, 1, 'held'],
      ['tx3', 'A', 'B', 50n, 2, 'held'],
      ['tx1', 'X', 'A', 50n, 3, 'held'],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 50n, origins: 50n })
  })

  test('from D: A sent D the last 200 of C', () => {
    expect(sources(back(example1, 'D', 'fifo'))).toEqual([
      ['A', 200n, 0n, 1],
      ['C', 200n, 200n, 2],
    ])
  })

  test('a self-transfer re-queues the pieces it takes', () => {
    // A → A 150 at block 2.5: A's queue [X100, C300] becomes [C250, X100, C50]; D gets C50, X100, C50.
    const events = [...example1.slice(0, 2), t(2.5, 'A', 'A', 150n), ...example1.slice(2)]
    expect(sources(back(events, 'D', 'fifo'))).toEqual([
      ['A', 350n, 0n, 1],
      ['C', 100n, 100n, 2],
      ['X', 100n, 100n, 2],
    ])
  })
})

// Example 2 of docs/tracing.md: S sends 100 having received 70; 30 is unknown history.
const example2 = [t(5, 'P', 'S', 70n), t(10, 'S', 'Q', 100n), t(11, 'R', 'S', 40n)]

describe('behavior: unknown history going back (example 2)', () => {
  test.each(['haircut', 'fifo'] as const)('%s: from Q, 30 of S own and 70 of P', (policy) => {
    const result = back(example2, 'Q', policy)
    expect(sources(result)).toEqual([
      ['P', 70n, 70n, 2],
      ['S', 100n, 30n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 100n, origins: 100n })
  })

  test.each(['haircut', 'fifo'] as const)('%s: from S, R', (policy) => {
    expect(sources(back(example2, 'S', policy))).toEqual([['R', 40n, 40n, 1]])
  })
})

// X receives 10 from A and 10 from B, sends 5 to Y, then 30 to Z: 15 more than it had.
const example3 = [t(1, 'A', 'X', 10n), t(2, 'B', 'X', 10n), t(3, 'X', 'Y', 5n), t(4, 'X', 'Z', 30n)]

describe('behavior: going back, an outflow returns the unknown history it drew first', () => {
  test('haircut: Y holds 5 of 20 that were half A, half B (floors leave the odd unit to A)', () => {
    const result = back(example3, 'Y', 'haircut')
    expect(sources(result)).toEqual([
      ['A', 3n, 3n, 2],
      ['B', 2n, 2n, 2],
      ['X', 5n, 0n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 5n, origins: 5n })
  })

  test('fifo: Y holds the first 5 X received', () => {
    expect(sources(back(example3, 'Y', 'fifo'))).toEqual([
      ['A', 5n, 5n, 2],
      ['X', 5n, 0n, 1],
    ])
  })

  test('from Z: 15 of X own and 15 of what it still had', () => {
    expect(sources(back(example3, 'Z', 'haircut'))).toEqual([
      ['A', 8n, 8n, 2],
      ['B', 7n, 7n, 2],
      ['X', 30n, 15n, 1],
    ])
    expect(sources(back(example3, 'Z', 'fifo'))).toEqual([
      ['A', 5n, 5n, 2],
      ['B', 10n, 10n, 2],
      ['X', 30n, 15n, 1],
    ])
  })
})

describe('behavior: minted and burned value', () => {
  const events = [
    t(1, null, 'A', 60n),
    t(2, 'B', 'A', 40n),
    t(3, 'A', null, 50n),
    t(4, 'A', 'C', 50n),
  ]

  test.each(['haircut', 'fifo'] as const)('%s: minted value is reported as minted', (policy) => {
    const result = back(events, 'C', policy)
    // haircut: A held 60 minted + 40 of B, half went to C; fifo: the burn took the first 50.
    const expected =
      policy === 'haircut'
        ? {
            sources: [
              ['A', 50n, 0n, 1],
              ['B', 20n, 20n, 2],
            ],
            minted: 30n,
            origins: 20n,
          }
        : {
            sources: [
              ['A', 50n, 0n, 1],
              ['B', 40n, 40n, 2],
            ],
            minted: 10n,
            origins: 40n,
          }
    expect(sources(result)).toEqual(expected.sources)
    expect(result.totals).toEqual({
      ...zero,
      holding: 50n,
      minted: expected.minted,
      origins: expected.origins,
    })
  })
})

describe('error', () => {
  test('a target on the wrong model', () => {
    expect(() =>
      back(example1, { kind: 'output', chain: 'ethereum', txHash: 'tx1' }, 'haircut'),
    ).toThrow(/UTXO chain/)
    expect(() =>
      back(example1, { kind: 'transfer', chain: 'bitcoin', txHash: 'tx1' }, 'haircut'),
    ).toThrow(/account chain/)
  })

  test('an unknown policy', () => {
    expect(() => back(example1, 'E', 'lifo' as TracePolicy)).toThrow(/not poison, haircut or fifo/)
  })
})
