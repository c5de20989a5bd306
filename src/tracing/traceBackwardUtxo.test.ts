import { describe, expect, test } from 'vitest'
import type { TracePolicy, UtxoTxEvent } from './TraceEvent.js'
import { type BackwardResult, type BackwardTarget, traceBackward } from './traceBackward.js'

// Example 3 of docs/tracing.md read backward (docs/tracing.md, "Backward tracing", UTXO).

function tx(
  block: number,
  txHash: string,
  inputs: readonly (readonly [string, number, string, bigint])[],
  outputs: readonly (readonly [string, bigint])[],
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

const example3 = [
  tx(
    1,
    'tx0',
    [],
    [
      ['a', 30n],
      ['b', 70n],
    ],
  ),
  tx(
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
  tx(
    3,
    'tx2',
    [['tx1', 1, 'd', 57n]],
    [
      ['e', 20n],
      ['f', 37n],
    ],
  ),
]

const f = { kind: 'address', chain: 'bitcoin', address: 'f' } as const
const output = (txHash: string, outputIndex: number) =>
  ({ kind: 'output', chain: 'bitcoin', txHash, outputIndex }) as const

function back(
  target: BackwardTarget,
  policy: TracePolicy,
  options: { stop?: string; maxHops?: number; fromBlock?: number } = {},
): BackwardResult {
  const { stop, maxHops, fromBlock } = options
  return traceBackward({
    events: example3,
    targets: [target],
    policy,
    ...(stop === undefined ? {} : { isStop: (_chain, address) => address === stop }),
    ...(maxHops === undefined ? {} : { maxHops }),
    ...(fromBlock === undefined ? {} : { window: { fromBlock } }),
  })
}

const sources = (result: BackwardResult) =>
  result.sources.map((s) => [s.address, s.contributed, s.origin, s.hop])
const outputs = (result: BackwardResult) =>
  result.transfers.map((x) => [`${x.txHash}:${x.outputIndex}`, x.to, x.tainted, x.amount, x.hop])
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

describe('behavior: backward from f (it holds tx2:1, 37)', () => {
  test('poison: d, then a and b; the coinbase value is minted', () => {
    const result = back(f, 'poison')
    expect(sources(result)).toEqual([
      ['a', 30n, 0n, 2],
      ['b', 70n, 0n, 2],
      ['d', 57n, 0n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 37n, contaminated: 63n, minted: 100n })
  })

  test('haircut: tx1 going back has 100 in (57 + the fee 10 + 33), 37 of it wanted', () => {
    const result = back(f, 'haircut')
    expect(outputs(result)).toEqual([
      ['tx2:1', 'f', 37n, 37n, 0],
      ['tx1:1', 'd', 37n, 57n, 1],
      ['tx0:1', 'b', 25n, 70n, 2],
      ['tx0:0', 'a', 11n, 30n, 2],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 37n, minted: 36n, rounding: 1n })
  })

  test('fifo: f is [20, 57) of d, which is [53, 90) of tx1: 17 of b, 20 of a', () => {
    const result = back(f, 'fifo')
    expect(outputs(result)).toEqual([
      ['tx2:1', 'f', 37n, 37n, 0],
      ['tx1:1', 'd', 37n, 57n, 1],
      ['tx0:1', 'b', 17n, 70n, 2],
      ['tx0:0', 'a', 20n, 30n, 2],
    ])
    expect(sources(result)).toEqual([
      ['a', 20n, 0n, 2],
      ['b', 17n, 0n, 2],
      ['d', 37n, 0n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 37n, minted: 37n })
  })

  test('window: from block 2 the outputs of tx0 are origins', () => {
    const result = back(f, 'fifo', { fromBlock: 2 })
    expect(sources(result)).toEqual([
      ['a', 20n, 20n, 2],
      ['b', 17n, 17n, 2],
      ['d', 37n, 0n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 37n, origins: 37n })
  })

  test('stop, hop limit; the target is not a stop for its own outputs', () => {
    const stopped = back(f, 'haircut', { stop: 'd' })
    expect(stopped.endpoints).toEqual([
      { chain: 'bitcoin', address: 'd', asset: 'native', absorbed: 37n, hop: 1 },
    ])
    expect(stopped.totals).toEqual({ ...zero, holding: 37n, stops: 37n })
    expect(back(f, 'fifo', { maxHops: 1 }).totals).toEqual({ ...zero, holding: 37n, hopLimit: 37n })
    expect(back(f, 'fifo', { stop: 'f' }).totals).toEqual(back(f, 'fifo').totals)
  })
})

describe('behavior: output targets', () => {
  test('tx1:0 (c 33): fifo takes [0, 33) of tx1, all b; haircut 33/100 of each input', () => {
    expect(outputs(back(output('tx1', 0), 'fifo'))).toEqual([
      ['tx1:0', 'c', 33n, 33n, 0],
      ['tx0:1', 'b', 33n, 70n, 1],
    ])
    const haircut = back(output('tx1', 0), 'haircut')
    expect(outputs(haircut)).toEqual([
      ['tx1:0', 'c', 33n, 33n, 0],
      ['tx0:1', 'b', 23n, 70n, 1],
      ['tx0:0', 'a', 9n, 30n, 1],
    ])
    expect(haircut.totals).toEqual({ ...zero, holding: 33n, minted: 32n, rounding: 1n })
  })

  test('tx1:1 (d 57), spent later: seeded where its spender goes back, even with d a stop', () => {
    const result = back(output('tx1', 1), 'fifo', { stop: 'd' })
    expect(outputs(result)).toEqual([
      ['tx1:1', 'd', 57n, 57n, 0],
      ['tx0:1', 'b', 37n, 70n, 1],
      ['tx0:0', 'a', 20n, 30n, 1],
    ])
    expect(result.totals).toEqual({ ...zero, holding: 57n, minted: 57n })
    expect(outputs(back(output('tx1', 1), 'haircut')).slice(1)).toEqual([
      ['tx0:1', 'b', 39n, 70n, 1],
      ['tx0:0', 'a', 17n, 30n, 1],
    ])
  })

  test('a whole transaction: tx1', () => {
    const whole = back({ kind: 'output', chain: 'bitcoin', txHash: 'tx1' }, 'fifo')
    expect(whole.totals).toEqual({ ...zero, holding: 90n, minted: 90n })
  })
})

describe('behavior: address targets', () => {
  test('d holds nothing at the end: haircut and fifo explain nothing, poison all it held', () => {
    const d = { kind: 'address', chain: 'bitcoin', address: 'd' } as const
    expect(back(d, 'haircut').sources).toEqual([])
    expect(back(d, 'haircut').totals).toEqual(zero)
    expect(sources(back(d, 'poison'))).toEqual([
      ['a', 30n, 0n, 1],
      ['b', 70n, 0n, 1],
    ])
  })
})

describe('error', () => {
  test('outputs worth more than the inputs', () => {
    const bad = tx(4, 'tx3', [['tx1', 0, 'c', 33n]], [['g', 34n]])
    expect(() =>
      traceBackward({ events: [...example3, bad], targets: [f], policy: 'fifo' }),
    ).toThrow(/tx3 has outputs worth more than its inputs/)
  })

  test('a UTXO target on another asset', () => {
    expect(() => back({ ...f, asset: '0xtoken' }, 'fifo')).toThrow(/one asset/)
  })
})
