import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { TraceEvent, TracePolicy, TraceSeed, UtxoTxEvent } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { traceForward } from './traceForward.js'

const addresses = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']
const policies: readonly TracePolicy[] = ['poison', 'haircut', 'fifo']

const transferSpec = fc.record({
  from: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 8 }),
  to: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 8 }),
  amount: fc.bigInt({ min: 0n, max: 1000n }),
  token: fc.boolean(),
})

const utxoSpec = fc.record({
  picks: fc.array(fc.nat(), { maxLength: 3 }),
  outputs: fc.array(
    fc.record({ to: fc.integer({ min: 0, max: 5 }), weight: fc.integer({ min: 0, max: 9 }) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  feePercent: fc.integer({ min: 0, max: 30 }),
  reward: fc.bigInt({ min: 1n, max: 1000n }),
})

const scenario = fc.record({
  transfers: fc.array(transferSpec, { minLength: 5, maxLength: 40 }),
  txs: fc.array(utxoSpec, { minLength: 3, maxLength: 25 }),
  transferSeeds: fc.array(fc.nat(39), { minLength: 1, maxLength: 3 }),
  outputSeeds: fc.array(fc.record({ tx: fc.nat(24), index: fc.option(fc.nat(2)) }), {
    minLength: 1,
    maxLength: 3,
  }),
  addressSeeds: fc.array(
    fc.record({ address: fc.integer({ min: 0, max: 5 }), since: fc.nat(40), utxo: fc.boolean() }),
    { maxLength: 2 },
  ),
  stop: fc.option(fc.integer({ min: 0, max: 5 })),
  maxHops: fc.option(fc.nat(4)),
  dust: fc.option(fc.bigInt({ min: 0n, max: 50n })),
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

/** Builds events (account and UTXO interleaved, block = position) and seeds from a scenario. */
function build(s: Scenario): { events: TraceEvent[]; seeds: TraceSeed[]; utxoOutputs: number } {
  const events: TraceEvent[] = []
  s.transfers.forEach((spec, i) => {
    events.push({
      kind: 'transfer',
      chain: 'ethereum',
      txHash: `t${i}`,
      blockHeight: i,
      txIndex: 0,
      position: 'a',
      asset: spec.token ? '0xtoken' : 'native',
      from: spec.from === null ? null : (addresses[spec.from] ?? null),
      to: spec.to === null ? null : (addresses[spec.to] ?? null),
      amount: spec.amount,
    })
  })
  const unspent: { tx: string; index: number; address: string; value: bigint }[] = []
  let utxoOutputs = 0
  s.txs.forEach((spec, i) => {
    const inputs: UtxoTxEvent['inputs'][number][] = []
    for (const pick of spec.picks) {
      if (unspent.length === 0) break
      const [spent] = unspent.splice(pick % unspent.length, 1)
      if (spent !== undefined) {
        inputs.push({
          spentTxHash: spent.tx,
          spentOutputIndex: spent.index,
          address: spent.address,
          value: spent.value,
        })
      }
    }
    const totalIn =
      inputs.length === 0 ? spec.reward : inputs.reduce((sum, input) => sum + input.value, 0n)
    const available =
      inputs.length === 0 ? totalIn : totalIn - (totalIn * BigInt(spec.feePercent)) / 100n
    const weights = spec.outputs.reduce((sum, o) => sum + o.weight, 0)
    let left = available
    const outputs = spec.outputs.map((o, index) => {
      const value =
        index === spec.outputs.length - 1
          ? left
          : weights === 0
            ? 0n
            : (available * BigInt(o.weight)) / BigInt(weights)
      left -= value
      const address = addresses[o.to] ?? 'a0'
      unspent.push({ tx: `u${i}`, index, address, value })
      return { index, address, value }
    })
    utxoOutputs += outputs.length + 1
    events.push({
      kind: 'utxo-tx',
      chain: 'bitcoin',
      txHash: `u${i}`,
      blockHeight: i,
      txIndex: 1,
      inputs,
      outputs,
    })
  })
  events.sort((a, b) => a.blockHeight - b.blockHeight)
  const seeds: TraceSeed[] = [
    ...s.transferSeeds.map(
      (i): TraceSeed => ({ kind: 'transfer', chain: 'ethereum', txHash: `t${i}` }),
    ),
    ...s.outputSeeds.map(
      ({ tx, index }): TraceSeed =>
        index === null
          ? { kind: 'output', chain: 'bitcoin', txHash: `u${tx}` }
          : { kind: 'output', chain: 'bitcoin', txHash: `u${tx}`, outputIndex: index },
    ),
    ...s.addressSeeds.map(
      ({ address, since, utxo }): TraceSeed => ({
        kind: 'address',
        chain: utxo ? 'bitcoin' : 'ethereum',
        address: addresses[address] ?? 'a0',
        sinceBlock: since,
      }),
    ),
  ]
  return { events, seeds, utxoOutputs }
}

function trace(s: Scenario, policy: TracePolicy): TraceResult {
  const { events, seeds } = build(s)
  const stop = s.stop === null ? undefined : addresses[s.stop]
  return traceForward({
    events,
    seeds,
    policy,
    isStop: (_chain, address) => address === stop,
    ...(s.maxHops === null ? {} : { maxHops: s.maxHops }),
    ...(s.dust === null ? {} : { dust: s.dust }),
  })
}

describe('behavior: random graphs', () => {
  test.each(policies)('%s: taint on a transfer never exceeds its amount', (policy) => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const transfer of trace(s, policy).transfers) {
          expect(transfer.tainted).toBeGreaterThan(0n)
          expect(transfer.tainted).toBeLessThanOrEqual(transfer.amount)
        }
      }),
      { numRuns: 300 },
    )
  })

  test.each(policies)('%s: taint is conserved', (policy) => {
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
        expect(x.stops).toBe(result.endpoints.reduce((sum, e) => sum + e.absorbed, 0n))
        for (const h of result.holdings) expect(h.held).toBeGreaterThanOrEqual(0n)
        if (policy !== 'poison') expect(x.contaminated).toBe(0n)
        if (policy !== 'haircut') expect(x.rounding).toBe(0n)
        // haircut rounding: under 1 unit per UTXO output and fee.
        expect(x.rounding).toBeLessThan(BigInt(build(s).utxoOutputs) + 1n)
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
