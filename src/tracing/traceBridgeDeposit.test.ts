import { describe, expect, test } from 'vitest'
import type { ForwardEvent, TracePolicy, TraceSeed } from './TraceEvent.js'
import type { TraceTotals } from './TraceResult.js'
import { A, B, deposit, move, run, theft, totals } from './testCrossAsset.js'
import { traceForward } from './traceForward.js'

// Bridge deposits and output shares: Example 5 of docs/tracing.md; every expected number is
// computed by hand there or in the comments.

describe('behavior: bridge deposits', () => {
  // U holds 4,000 wei, 1,000 stolen. It deposits 1,000 through router R, which forwards the
  // value to vault V (an internal call). U's own transfer to R is the value leg: R stays clean.
  const native: readonly ForwardEvent[] = [
    move(1, 'theft', 'a', 'native', 'X', 'U', 1000n),
    move(2, 'clean', 'a', 'native', 'C', 'U', 3000n),
    move(5, 'dep', 'a', 'native', 'U', 'R', 1000n),
    move(5, 'dep', 'b00000', 'native', 'R', 'V', 1000n),
    deposit(5, 'dep', 'c000000', 'native', 1000n, '=:BTC.BTC:BC1QDEST:0/1/0'),
  ]
  // haircut: the value leg U → R carries floor(1000 × 1000 / 4000) = 250, which leaves the chain.
  const cases: [TracePolicy, Partial<TraceTotals>][] = [
    ['poison', { seeded: 1000n, contaminated: 3000n, held: 3000n, bridged: 1000n }],
    ['haircut', { seeded: 1000n, held: 750n, bridged: 250n }],
    ['fifo', { seeded: 1000n, held: 0n, bridged: 1000n }],
  ]
  test.each(cases)('%s: native ETH through the router', (policy, expectedTotals) => {
    const result = traceForward({ events: native, seeds: theft, policy })
    expect(result.totals).toEqual(totals(expectedTotals))
    const bridged = expectedTotals.bridged ?? 0n
    expect(result.links).toEqual([
      {
        chain: 'ethereum',
        txHash: 'dep',
        position: 'c000000',
        blockHeight: 5,
        blockTime: 1_700_000_060,
        router: 'R',
        vault: 'V',
        depositor: 'U',
        memo: '=:BTC.BTC:BC1QDEST:0/1/0',
        destinationChain: 'bitcoin',
        destinationAsset: 'BTC.BTC',
        destinationAddress: 'bc1qdest',
        asset: 'native',
        amount: 1000n,
        tainted: bridged,
        hop: 1,
        outbound: null,
        timeDelta: null,
        seeded: 0n,
        otherCandidates: [],
        evidence: [
          { kind: 'memo', value: '=:BTC.BTC:BC1QDEST:0/1/0' },
          { kind: 'destination', value: 'BTC.BTC bc1qdest' },
        ],
        confidence: 'none',
      },
    ])
    expect(result.transfers.at(-1)).toMatchObject({ to: 'R', tainted: bridged, fate: 'bridge' })
    expect(result.holdings.find((h) => h.address === 'R')).toBeUndefined()
    expect(result.holdings.find((h) => h.address === 'V')).toBeUndefined()
  })

  test.each([
    ['poison', 200n, 200n],
    ['haircut', 50n, 50n],
    ['fifo', 100n, 0n],
  ] as const)('%s: a token deposited straight to the vault', (policy, bridged, left) => {
    const events = [
      move(5, 'dep', 'c000000', A, 'U', 'V', 200n),
      deposit(5, 'dep', 'c000001', A, 200n, 's:BTC.BTC:bc1qdest'),
    ]
    const result = run(events, policy)
    expect(result.totals.bridged).toBe(bridged)
    expect(result.holdings.find((h) => h.address === 'U')?.held).toBe(left)
    expect(result.links.map((l) => [l.asset, l.tainted, l.hop, l.destinationAddress])).toEqual([
      [A, bridged, 1, 'bc1qdest'],
    ])
  })

  test('poison: the router is a conduit, so a later clean deposit through it is no link', () => {
    const events: ForwardEvent[] = [
      ...native,
      move(6, 'dep2', 'a', 'native', 'W', 'R', 500n),
      move(6, 'dep2', 'b00000', 'native', 'R', 'V', 500n),
      { ...deposit(6, 'dep2', 'c000000', 'native', 500n, '=:BTC.BTC:bc1qother'), depositor: 'W' },
    ]
    const result = traceForward({ events, seeds: theft, policy: 'poison' })
    expect(result.links.map((l) => [l.txHash, l.tainted])).toEqual([['dep', 1000n]])
    expect(result.totals.bridged).toBe(1000n)
    expect(result.holdings.find((h) => h.address === 'R')).toBeUndefined()
  })

  test('a deposit without its value leg is ignored and counted; a clean one makes no link', () => {
    const events = [
      move(5, 'dep', 'c000000', A, 'U', 'V', 200n),
      deposit(5, 'dep', 'c000001', A, 201n, 's:BTC.BTC:bc1qdest'),
      move(6, 'dep2', 'c000000', B, 'Y', 'V', 5n),
      deposit(6, 'dep2', 'c000001', B, 5n, 's:BTC.BTC:bc1qdest'),
    ]
    const result = run(events, 'haircut')
    expect(result.unmatchedBridgeDeposits).toBe(1)
    expect(result.links).toEqual([])
    expect(result.holdings.find((h) => h.address === 'V')?.held).toBe(50n)
  })
})

describe('behavior: output seeds with a share and a hop (a bridge outbound)', () => {
  const coinbase: ForwardEvent = {
    kind: 'utxo-tx',
    chain: 'bitcoin',
    txHash: 'out',
    blockHeight: 7,
    txIndex: 0,
    inputs: [],
    outputs: [{ index: 0, address: 'bc1qdest', value: 100n }],
  }
  const spend: ForwardEvent = {
    kind: 'utxo-tx',
    chain: 'bitcoin',
    txHash: 'next',
    blockHeight: 8,
    txIndex: 0,
    inputs: [{ spentTxHash: 'out', spentOutputIndex: 0, address: 'bc1qdest', value: 100n }],
    outputs: [
      { index: 0, address: 'c', value: 50n },
      { index: 1, address: 'd', value: 50n },
    ],
  }
  const share: TraceSeed[] = [
    { kind: 'output', chain: 'bitcoin', txHash: 'out', outputIndex: 0, tainted: 30n, hop: 2 },
  ]
  test.each([
    ['poison', { c: 50n, d: 50n }],
    ['haircut', { c: 15n, d: 15n }],
    // fifo: the share fills the output from its start, [0, 30): all of it goes to c.
    ['fifo', { c: 30n }],
  ] as const)('%s', (policy, expected) => {
    const result = traceForward({ events: [coinbase, spend], seeds: share, policy })
    expect(
      Object.fromEntries(
        result.holdings.filter((h) => h.held > 0n).map((h) => [h.address, h.held]),
      ),
    ).toEqual(expected)
    expect(result.holdings.find((h) => h.address === 'bc1qdest')).toMatchObject({
      seeded: 30n,
      hop: 2,
    })
    expect(result.transfers[0]).toMatchObject({ txHash: 'out', tainted: 30n, hop: 2 })
    expect(result.transfers[1]?.hop).toBe(3)
  })

  test('the hop limit applies at the seed hop', () => {
    const result = traceForward({ events: [coinbase], seeds: share, policy: 'haircut', maxHops: 1 })
    expect(result.totals).toEqual(totals({ seeded: 30n, hopLimit: 30n }))
  })
})
