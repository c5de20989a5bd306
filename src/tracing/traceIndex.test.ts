import { describe, expect, test } from 'vitest'
import { ChainwatchError } from '../errors/index.js'
import type { TracePolicy, TraceSeed, TransferEvent } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { traceForward } from './traceForward.js'
import { buildTraceIndex, traceIndexBytes } from './traceIndex.js'
import { runTraceIndex, type TraceIndexParameters, traceIndex } from './traceIndexRun.js'

function t(
  block: number,
  txHash: string,
  from: string | null,
  to: string | null,
  amount: bigint,
  extra: Partial<TransferEvent> = {},
): TransferEvent {
  return {
    kind: 'transfer',
    chain: 'ethereum',
    txHash,
    blockHeight: block,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from,
    to,
    amount,
    ...extra,
  }
}

// docs/tracing.md, example 1.
const example1 = [
  t(1, 'theft', 'X', 'A', 100n),
  t(2, 'c', 'C', 'A', 300n),
  t(3, 'ab', 'A', 'B', 200n),
  t(4, 'ad', 'A', 'D', 200n),
  t(5, 'be', 'B', 'E', 50n),
]
const theft: TraceSeed[] = [{ kind: 'transfer', chain: 'ethereum', txHash: 'theft' }]

const held = (result: TraceResult) =>
  Object.fromEntries(result.holdings.filter((h) => h.held > 0n).map((h) => [h.address, h.held]))

/** Runs the index and the general engine; both must agree. Returns the index's run. */
function both(
  events: TransferEvent[],
  seeds: readonly TraceSeed[],
  policy: TracePolicy,
  more: Partial<TraceIndexParameters> = {},
) {
  const parameters = { seeds, policy, ...more }
  const run = runTraceIndex(buildTraceIndex(events), parameters)
  expect(run.result).toEqual(traceForward({ ...parameters, events }))
  return run
}

describe('behavior: example 1 through the index', () => {
  test('haircut on the kernel', () => {
    const run = both(example1, theft, 'haircut')
    expect(run.engine).toBe('kernel')
    expect(held(run.result)).toEqual({ B: 38n, D: 50n, E: 12n })
    expect(run.result.transfers.map((x) => [x.to, x.tainted, x.hop])).toEqual([
      ['A', 100n, 0],
      ['B', 50n, 1],
      ['D', 50n, 1],
      ['E', 12n, 2],
    ])
  })

  test('poison on the kernel: contaminated clean value', () => {
    const run = both(example1, theft, 'poison')
    expect(run.engine).toBe('kernel')
    expect(held(run.result)).toEqual({ B: 150n, D: 200n, E: 50n })
    expect(run.result.totals).toMatchObject({ seeded: 100n, contaminated: 300n, held: 400n })
  })

  test('stop, hop limit, dust and window', () => {
    const stop = both(example1, theft, 'haircut', { isStop: (_chain, a) => a === 'B' }).result
    expect(stop.endpoints).toEqual([
      { chain: 'ethereum', address: 'B', asset: 'native', absorbed: 50n, hop: 1 },
    ])
    expect(both(example1, theft, 'haircut', { maxHops: 1 }).result.totals.hopLimit).toBe(12n)
    expect(both(example1, theft, 'haircut', { dust: 20n }).result.totals.dust).toBe(12n)
    const window = both(example1, theft, 'haircut', { window: { toBlock: 4 } }).result
    expect(held(window)).toEqual({ B: 50n, D: 50n })
    expect(window.eventsApplied).toBe(4)
  })

  test('isStop is asked only about holders taint reaches, as the general engine asks', () => {
    const asked = new Set<string>()
    const isStop = (_chain: string, address: string) => {
      if (address === 'C' || address === 'X') throw new Error('never reached by taint')
      asked.add(address)
      return address === 'B'
    }
    expect(both(example1, theft, 'haircut', { isStop }).engine).toBe('kernel')
    expect([...asked].sort()).toEqual(['A', 'B', 'D'])
  })

  test('fifo runs on the general engine', () => {
    const run = both(example1, theft, 'fifo')
    expect(run).toMatchObject({ engine: 'general', fallback: 'policy fifo' })
    expect(held(run.result)).toEqual({ B: 50n, E: 50n })
  })

  test('traceIndex returns the result alone; an index can be traced again', () => {
    const index = buildTraceIndex(example1)
    const first = traceIndex(index, { seeds: theft, policy: 'haircut' })
    traceIndex(index, { seeds: theft, policy: 'poison' })
    expect(traceIndex(index, { seeds: theft, policy: 'haircut' })).toEqual(first)
  })
})

describe('behavior: address seeds (example 2)', () => {
  const events = [t(5, 'p', 'P', 'S', 70n), t(10, 'q', 'S', 'Q', 100n), t(11, 'r', 'R', 'S', 40n)]
  const seed: TraceSeed[] = [{ kind: 'address', chain: 'ethereum', address: 'S', sinceBlock: 10 }]

  test('the seed activates on the balance at its block; unknown history is clean', () => {
    const run = both(events, seed, 'haircut')
    expect(run.engine).toBe('kernel')
    expect(held(run.result)).toEqual({ Q: 70n, S: 40n })
    expect(run.result.totals.seeded).toBe(110n)
  })

  test('fromBlock moves the activation; a seed past the last event activates at the end', () => {
    expect(both(events, seed, 'poison', { window: { fromBlock: 11 } }).result.totals.seeded).toBe(
      40n,
    )
    const late: TraceSeed[] = [{ ...seed[0], sinceBlock: 50 } as TraceSeed]
    // At block 50 S holds 40 (its outflow of 100 had emptied it): that is what the seed taints.
    expect(held(both(events, late, 'haircut').result)).toEqual({ S: 40n })
  })
})

describe('behavior: amounts and sums the kernel cannot hold fall back, with the same answer', () => {
  const big = 2n ** 100n

  test('amounts from 2^63 to 2^128 stay on the kernel', () => {
    const events = [
      t(1, 'theft', 'X', 'A', big),
      t(2, 'c', 'C', 'A', 2n ** 64n + 7n),
      t(3, 'ab', 'A', 'B', 2n ** 63n + 1n),
    ]
    expect(both(events, theft, 'haircut').engine).toBe('kernel')
  })

  test('an amount of 2^128 runs on the general engine', () => {
    const events = [t(1, 'theft', 'X', 'A', 2n ** 128n), t(2, 'ab', 'A', 'B', 5n)]
    expect(both(events, theft, 'haircut').fallback).toMatch(/2\^128/)
  })

  test('a balance reaching 2^128 runs on the general engine', () => {
    const events = [t(1, 'theft', 'X', 'A', 2n ** 127n), t(2, 'c', 'C', 'A', 2n ** 127n)]
    expect(both(events, theft, 'poison').fallback).toMatch(/2\^128/)
  })

  test('a negative amount raises the general engine’s error', () => {
    const index = buildTraceIndex([t(1, 'theft', 'A', 'B', -1n)])
    expect(() => traceIndex(index, { seeds: theft, policy: 'haircut' })).toThrow(ChainwatchError)
  })

  test('invalid parameters raise the general engine’s errors', () => {
    const index = buildTraceIndex(example1)
    expect(() => traceIndex(index, { seeds: theft, policy: 'haircut', maxHops: -1 })).toThrow(
      /maxHops/,
    )
    expect(() => traceIndex(index, { seeds: theft, policy: 'haircut', dust: -1n })).toThrow(/dust/)
  })
})

describe('behavior: inputs the kernel does not model run on the general engine', () => {
  test('decreasing blocks, several chains, a UTXO chain, output seeds', () => {
    const unordered = [t(2, 'theft', 'X', 'A', 10n), t(1, 'ab', 'A', 'B', 5n)]
    expect(both(unordered, theft, 'haircut').fallback).toBe('block heights decrease')
    const chains = [t(1, 'theft', 'X', 'A', 10n), t(2, 'ab', 'A', 'B', 5n, { chain: 'bitcoin' })]
    expect(both(chains, theft, 'haircut').fallback).toBe('transfers of several chains')
    const bitcoin = [t(1, 'theft', 'X', 'A', 10n, { chain: 'bitcoin' })]
    const seeds: TraceSeed[] = [{ kind: 'address', chain: 'bitcoin', address: 'A', sinceBlock: 0 }]
    expect(both(bitcoin, seeds, 'haircut').fallback).toMatch(/not an account chain/)
    const output: TraceSeed[] = [{ kind: 'output', chain: 'ethereum', txHash: 'theft' }]
    expect(both(example1, output, 'haircut').fallback).toBe('output seeds')
  })
})

describe('behavior: the index keeps every field of a transfer', () => {
  test('hashes, addresses, positions, assets and mints come back as given', () => {
    const hash = `0x${'ab'.repeat(32)}`
    const upper = `0x${'AB'.repeat(32)}`
    const a = `0x${'12'.repeat(20)}`
    const events = [
      t(1, hash, null, a, 100n, { position: 'c000003', txIndex: 7 }),
      t(1, hash, a, 'B', 40n, { position: 'c000004', txIndex: 7, asset: '0xtoken' }),
      t(2, upper, a, null, 30n, { txIndex: Number.MAX_SAFE_INTEGER }),
      t(3, 'short', null, null, 1n),
    ]
    const seeds: TraceSeed[] = [
      { kind: 'transfer', chain: 'ethereum', txHash: hash, position: 'c000003' },
      { kind: 'transfer', chain: 'ethereum', txHash: upper },
    ]
    const run = both(events, seeds, 'haircut')
    expect(run.engine).toBe('kernel')
    expect(run.result.transfers.map((x) => [x.txHash, x.position, x.from, x.to, x.fate])).toEqual([
      [hash, 'c000003', null, a, 'held'],
      [upper, 'a', a, null, 'burned'],
    ])
    const general = runTraceIndex(buildTraceIndex(events), { seeds, policy: 'fifo' })
    expect(general.result).toEqual(traceForward({ events, seeds, policy: 'fifo' }))
  })

  test('a seeded transfer of zero does not hide the next seeded one', () => {
    const events = [t(1, 'zero', null, null, 0n), t(1, 'one', null, 'A', 1n)]
    const seeds: TraceSeed[] = events.map((e) => ({
      kind: 'transfer',
      chain: 'ethereum',
      txHash: e.txHash,
    }))
    expect(both(events, seeds, 'haircut').result.totals.seeded).toBe(1n)
  })

  test('more tainted transfers than the kernel’s record buffer holds', () => {
    const events = Array.from({ length: 70_000 }, (_, i) =>
      t(i, `tx${i}`, i % 2 === 0 ? 'A' : 'B', i % 2 === 0 ? 'B' : 'A', 1000n - BigInt(i % 7)),
    )
    const seeds: TraceSeed[] = [{ kind: 'address', chain: 'ethereum', address: 'A', sinceBlock: 0 }]
    const run = both(events, seeds, 'haircut')
    expect(run.engine).toBe('kernel')
    // A holds nothing when the seed activates: the first two transfers carry no taint.
    expect(run.result.transfers.length).toBe(69_998)
  })

  test('bytes: 16 per row in WebAssembly memory, the rest by part', () => {
    const index = buildTraceIndex(example1)
    const bytes = traceIndexBytes(index)
    expect(bytes.rows).toBe(16 * example1.length)
    expect(bytes.total).toBe(bytes.rows + bytes.transactions + bytes.rowColumns + bytes.holders)
    const empty = runTraceIndex(buildTraceIndex([]), { seeds: theft, policy: 'haircut' })
    expect(empty.result).toEqual(traceForward({ events: [], seeds: theft, policy: 'haircut' }))
  })
})
