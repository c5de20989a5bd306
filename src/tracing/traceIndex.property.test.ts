import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { TracePolicy, TraceSeed, TransferEvent } from './TraceEvent.js'
import { traceForward } from './traceForward.js'
import { buildTraceIndex } from './traceIndex.js'
import { runTraceIndex, type TraceIndexParameters } from './traceIndexRun.js'

// Canonical EVM addresses (kept as 20 bytes by the index) and, in some scenarios, other strings
// (kept as given): checksummed, short, and one differing from a canonical one only in case.
const canonical = [
  `0x${'0'.repeat(40)}`,
  `0x${'0'.repeat(39)}1`,
  `0x${'ab'.repeat(20)}`,
  `0x${'ff'.repeat(20)}`,
  `0x1${'0'.repeat(39)}`,
  `0x${'0'.repeat(20)}${'9'.repeat(20)}`,
]
const mixed = [...canonical.slice(0, 3), `0x${'AB'.repeat(20)}`, 'a4', `0x${'0'.repeat(39)}`]
const assets = ['native', '0xtoken']
const HUGE = 2n ** 128n

// Small amounts, amounts around 2^63 (the 64-bit column's limit), up to 2^100 (balances and
// products past 2^64 and 2^128: the kernel's wide paths), and 2^128 or more (no kernel), the
// last only in scenarios that allow them.
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 1000n }) },
  { weight: 2, arbitrary: fc.bigInt({ min: 2n ** 62n, max: 2n ** 66n }) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 100n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: HUGE, max: HUGE + 1000n }) },
)

/** null two times out of three: each limit alone leaves taint to follow. */
function sometimes<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value })
}

const transferSpec = fc.record({
  from: fc.option(fc.nat(5), { freq: 8 }),
  to: fc.option(fc.nat(5), { freq: 8 }),
  amount,
  asset: fc.nat(1),
  sameTx: fc.boolean(),
  blockStep: fc.nat(2),
  odd: fc.boolean(),
})

const scenario = fc.record({
  transfers: fc.array(transferSpec, { minLength: 1, maxLength: 60, size: 'max' }),
  /** Amounts of 2^128 and more in one scenario out of five. */
  huge: fc.nat(4).map((n) => n === 0),
  /** Seeds name a transfer by its index (modulo the count): its transaction, maybe its position. */
  transferSeeds: fc.array(fc.record({ transfer: fc.nat(), position: fc.boolean() }), {
    maxLength: 3,
    size: 'max',
  }),
  addressSeeds: fc.array(
    fc.record({ address: fc.nat(5), since: fc.nat(), asset: fc.option(fc.nat(1)) }),
    { maxLength: 2 },
  ),
  stops: fc.array(fc.nat(5), { maxLength: 2 }),
  maxHops: sometimes(fc.nat(4)),
  dust: sometimes(
    fc.oneof(
      { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 50n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 70n }) },
    ),
  ),
  /** Window bounds, modulo the last block + 2. */
  fromBlock: sometimes(fc.nat()),
  toBlock: sometimes(fc.nat()),
  collectTransfers: fc.boolean(),
  canonicalOnly: fc.boolean(),
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

const hash = (tx: number, odd: boolean) =>
  odd ? `T${tx}` : `0x${tx.toString(16).padStart(64, '0')}`

/** Events in chain order (blocks never decrease; transactions hold 1 to n transfers). */
function build(s: Scenario): {
  events: TransferEvent[]
  parameters: Omit<TraceIndexParameters, 'policy'>
} {
  const addresses = s.canonicalOnly ? canonical : mixed
  const events: TransferEvent[] = []
  let tx = 0
  let inTx = 0
  let block = 0
  let odd = false
  s.transfers.forEach((spec, i) => {
    if (i > 0 && (!spec.sameTx || spec.blockStep > 0)) {
      tx++
      inTx = 0
      block += spec.blockStep
      // Some transactions keep a hash that is not 0x + 64 lowercase hex digits.
      odd = spec.odd && tx % 3 === 0
    }
    events.push({
      kind: 'transfer',
      chain: 'ethereum',
      txHash: hash(tx, odd),
      blockHeight: block,
      txIndex: tx,
      position: inTx === 0 ? 'a' : `c${String(inTx).padStart(6, '0')}`,
      asset: assets[spec.asset] ?? 'native',
      from: spec.from === null ? null : (addresses[spec.from] ?? null),
      to: spec.to === null ? null : (addresses[spec.to] ?? null),
      amount: s.huge || spec.amount < HUGE ? spec.amount : spec.amount - HUGE,
    })
    inTx++
  })
  const seeds: TraceSeed[] = [
    ...s.transferSeeds.map(({ transfer, position }): TraceSeed => {
      const seeded = events[transfer % events.length]
      const txHash = seeded?.txHash ?? ''
      return position
        ? { kind: 'transfer', chain: 'ethereum', txHash, position: seeded?.position ?? 'a' }
        : { kind: 'transfer', chain: 'ethereum', txHash }
    }),
    ...s.addressSeeds.map(
      ({ address, since, asset }): TraceSeed => ({
        kind: 'address',
        chain: 'ethereum',
        address: addresses[address] ?? 'a0',
        sinceBlock: since % (block + 2),
        ...(asset === null ? {} : { asset: assets[asset] ?? 'native' }),
      }),
    ),
  ]
  const stops = new Set(s.stops.map((i) => addresses[i]))
  return {
    events,
    parameters: {
      seeds,
      isStop: (_chain, address) => stops.has(address),
      ...(s.maxHops === null ? {} : { maxHops: s.maxHops }),
      ...(s.dust === null ? {} : { dust: s.dust }),
      window: {
        ...(s.fromBlock === null ? {} : { fromBlock: s.fromBlock % (block + 2) }),
        ...(s.toBlock === null ? {} : { toBlock: s.toBlock % (block + 2) }),
      },
      collectTransfers: s.collectTransfers,
    },
  }
}

describe('behavior: the index and its kernel give traceForward’s result', () => {
  test.each<TracePolicy>(['haircut', 'poison'])(
    '%s: same holdings, endpoints, transfers and totals on random graphs',
    (policy) => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { events, parameters } = build(s)
          const index = buildTraceIndex(events)
          const run = runTraceIndex(index, { ...parameters, policy })
          expect(run.result).toEqual(traceForward({ ...parameters, policy, events }))
          // The kernel ran unless an applied transfer moves 2^128 or more.
          const toBlock = parameters.window?.toBlock ?? Number.POSITIVE_INFINITY
          const huge = events.some((e) => e.blockHeight <= toBlock && e.amount >= HUGE)
          expect(run.engine).toBe(huge ? 'general' : 'kernel')
        }),
        { numRuns: 1000 },
      )
    },
  )

  test('fifo runs on the general engine over the index, with the same result', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { events, parameters } = build(s)
        const run = runTraceIndex(buildTraceIndex(events), { ...parameters, policy: 'fifo' })
        expect(run.engine).toBe('general')
        expect(run.result).toEqual(traceForward({ ...parameters, policy: 'fifo', events }))
      }),
      { numRuns: 100 },
    )
  })
})
