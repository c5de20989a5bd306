import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { UtxoInput, UtxoTxEvent } from './TraceEvent.js'
import { traceBackward } from './traceBackward.js'
import { traceForward } from './traceForward.js'

// UTXO model, random graphs: coinbases, fees, several inputs and outputs.

const addresses = ['a0', 'a1', 'a2', 'a3', 'a4']

const txSpec = fc.record({
  picks: fc.array(fc.nat(), { maxLength: 3 }),
  outputs: fc.array(
    fc.record({ to: fc.integer({ min: 0, max: 4 }), weight: fc.integer({ min: 0, max: 9 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  feePercent: fc.integer({ min: 0, max: 30 }),
  reward: fc.bigInt({ min: 1n, max: 1000n }),
})
const graphs = fc.array(txSpec, { minLength: 1, maxLength: 20 })

type Unspent = { tx: string; index: number; address: string; value: bigint }

type TxSpec = typeof txSpec extends fc.Arbitrary<infer T> ? T : never

/** Transactions in chain order (one per block) and the outputs unspent at the end. */
function build(specs: readonly TxSpec[]) {
  const unspent: Unspent[] = []
  const events: UtxoTxEvent[] = specs.map((spec, i) => {
    const inputs: UtxoInput[] = []
    for (const pick of spec.picks) {
      const [spent] = unspent.splice(pick % Math.max(unspent.length, 1), 1)
      if (spent === undefined) break
      inputs.push({
        spentTxHash: spent.tx,
        spentOutputIndex: spent.index,
        address: spent.address,
        value: spent.value,
      })
    }
    const totalIn = inputs.length === 0 ? spec.reward : inputs.reduce((s, x) => s + x.value, 0n)
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
    const tx: UtxoTxEvent = {
      kind: 'utxo-tx',
      chain: 'bitcoin',
      txHash: `u${i}`,
      blockHeight: i,
      txIndex: 0,
      inputs,
      outputs,
    }
    return tx
  })
  return { events, unspent }
}

const target = (address: string) => ({ kind: 'address', chain: 'bitcoin', address }) as const

describe.each(['haircut', 'fifo'] as const)('behavior: %s backward over UTXO graphs', (policy) => {
  test('sources, minted value, stops, dust, hop limit and rounding explain the holding exactly', () => {
    const options = fc.record({
      target: fc.integer({ min: 0, max: 4 }),
      stop: fc.option(fc.integer({ min: 0, max: 4 })),
      maxHops: fc.option(fc.nat(3)),
      dust: fc.option(fc.bigInt({ min: 0n, max: 50n })),
      fromBlock: fc.option(fc.nat(20)),
    })
    fc.assert(
      fc.property(graphs, options, (specs, o) => {
        const { events, unspent } = build(specs)
        const address = addresses[o.target] ?? 'a0'
        const stop = o.stop === null ? undefined : addresses[o.stop]
        const result = traceBackward({
          events,
          targets: [target(address)],
          policy,
          isStop: (_chain, a) => a === stop,
          ...(o.maxHops === null ? {} : { maxHops: o.maxHops }),
          ...(o.dust === null ? {} : { dust: o.dust }),
          ...(o.fromBlock === null ? {} : { window: { fromBlock: o.fromBlock } }),
        })
        const x = result.totals
        const held = unspent.filter((u) => u.address === address).reduce((s, u) => s + u.value, 0n)
        expect(x.holding).toBe(held)
        expect(x.holding).toBe(x.origins + x.minted + x.stops + x.dust + x.hopLimit + x.rounding)
        expect(x.contaminated).toBe(0n)
        if (policy === 'fifo') expect(x.rounding).toBe(0n)
        // haircut: under one unit per re-created output (an input) and per coinbase going back.
        const inputs = events.reduce((s, ev) => s + ev.inputs.length, 0)
        expect(x.rounding).toBeLessThanOrEqual(BigInt(inputs + events.length))
        expect(x.origins).toBe(result.sources.reduce((sum, s) => sum + s.origin, 0n))
        for (const s of result.sources) expect(s.origin).toBeLessThanOrEqual(x.holding)
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

test('behavior: fifo backward is the exact dual of fifo forward, output by output', () => {
  fc.assert(
    fc.property(graphs, (specs) => {
      const { events } = build(specs)
      for (const address of addresses) {
        const result = traceBackward({ events, targets: [target(address)], policy: 'fifo' })
        // The target's own outputs at the end are listed too (hop 0, wholly).
        const carried = new Map(
          result.transfers.map((t) => [`${t.txHash}:${t.outputIndex}`, t.tainted]),
        )
        for (const ev of events) {
          for (const o of ev.outputs) {
            const forward = traceForward({
              events,
              seeds: [
                { kind: 'output', chain: 'bitcoin', txHash: ev.txHash, outputIndex: o.index },
              ],
              policy: 'fifo',
            })
            const held = forward.holdings.find((h) => h.address === address)?.held ?? 0n
            expect(carried.get(`${ev.txHash}:${o.index}`) ?? 0n).toBe(held)
          }
        }
      }
    }),
    { numRuns: 100 },
  )
})

test('behavior: Y is a poison source of T exactly when a forward poison trace from Y reaches T', () => {
  fc.assert(
    fc.property(graphs, (specs) => {
      const { events } = build(specs)
      for (const address of addresses) {
        const result = traceBackward({ events, targets: [target(address)], policy: 'poison' })
        const sources = new Set(
          result.sources.filter((s) => s.contributed > 0n).map((s) => s.address),
        )
        for (const source of addresses) {
          const forward = traceForward({
            events,
            seeds: [{ kind: 'address', chain: 'bitcoin', address: source, sinceBlock: -1 }],
            policy: 'poison',
          })
          const reached = forward.holdings.some((h) => h.address === address && h.received > 0n)
          expect(sources.has(source)).toBe(reached)
        }
      }
    }),
    { numRuns: 100 },
  )
})
