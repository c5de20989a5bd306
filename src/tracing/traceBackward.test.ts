import { describe, expect, test } from 'vitest'
import type { TransferEvent, UtxoTxEvent } from './TraceEvent.js'
import { traceBackward } from './traceBackward.js'

function t(block: number, from: string, to: string, amount: bigint): TransferEvent {
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

// Example 1 of docs/tracing.md, read backward.
const example1 = [
  t(1, 'X', 'A', 100n),
  t(2, 'C', 'A', 300n),
  t(3, 'A', 'B', 200n),
  t(4, 'A', 'D', 200n),
  t(5, 'B', 'E', 50n),
]

function sources(target: string, extra: { maxHops?: number; fromBlock?: number } = {}) {
  const result = traceBackward({
    events: example1,
    targets: [{ kind: 'address', chain: 'ethereum', address: target }],
    policy: 'poison',
    ...(extra.maxHops === undefined ? {} : { maxHops: extra.maxHops }),
    ...(extra.fromBlock === undefined ? {} : { window: { fromBlock: extra.fromBlock } }),
  })
  return result.sources.map((s) => [s.address, s.contributed, s.hop])
}

describe('behavior: poison backward (example 1)', () => {
  test('from E', () => {
    expect(sources('E')).toEqual([
      ['A', 200n, 2],
      ['B', 50n, 1],
      ['C', 300n, 3],
      ['X', 100n, 3],
    ])
  })

  test('from D: B is not a source (A sent to B before it sent to D, B never sent to A)', () => {
    expect(sources('D')).toEqual([
      ['A', 200n, 1],
      ['C', 300n, 2],
      ['X', 100n, 2],
    ])
  })

  test('hop limit and window', () => {
    expect(sources('E', { maxHops: 2 })).toEqual([
      ['A', 200n, 2],
      ['B', 50n, 1],
    ])
    expect(sources('E', { fromBlock: 3 })).toEqual([
      ['A', 200n, 2],
      ['B', 50n, 1],
    ])
  })

  test('transfers keep their own direction, newest first; a transfer target', () => {
    const result = traceBackward({
      events: example1,
      targets: [{ kind: 'transfer', chain: 'ethereum', txHash: 'tx4' }],
      policy: 'poison',
    })
    expect(result.transfers.map((x) => [x.from, x.to, x.tainted])).toEqual([
      ['A', 'D', 200n],
      ['C', 'A', 300n],
      ['X', 'A', 100n],
    ])
  })

  test('stop sources end the path', () => {
    const result = traceBackward({
      events: example1,
      targets: [{ kind: 'address', chain: 'ethereum', address: 'D' }],
      policy: 'poison',
      isStop: (_chain, address) => address === 'A',
    })
    expect(result.sources).toEqual([])
    expect(result.endpoints).toEqual([
      { chain: 'ethereum', address: 'A', asset: 'native', absorbed: 200n, hop: 1 },
    ])
  })

  test('error: UTXO events', () => {
    const tx: UtxoTxEvent = {
      kind: 'utxo-tx',
      chain: 'bitcoin',
      txHash: 'u',
      blockHeight: 1,
      txIndex: 0,
      inputs: [],
      outputs: [],
    }
    expect(() =>
      traceBackward({
        events: [tx],
        targets: [{ kind: 'address', chain: 'bitcoin', address: 'a' }],
        policy: 'poison',
      }),
    ).toThrow(/not supported/)
  })
})
