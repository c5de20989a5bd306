import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { OutputRecord } from '../chain/index.js'
import { openSqliteStore, type SqliteStore } from '../store/index.js'
import { matchBridgeLinks } from './matchBridgeLinks.js'
import type { BridgeDepositEvent, TracePolicy, TraceSeed } from './TraceEvent.js'
import type { CrossChainLink } from './TraceResult.js'
import { traceForward } from './traceForward.js'

// Example 5 of docs/tracing.md: the deposit's link, matched against bitcoin payments in a real
// (in-memory SQLite) store.

const DEPOSIT_TIME = 1_700_000_060
const DEST = 'bc1qdest'
const depositHash = `0x${'ab'.repeat(32)}`

function link(policy: TracePolicy, blockTime: number | null = DEPOSIT_TIME): CrossChainLink {
  const move = (position: string, from: string, to: string, amount: bigint, txHash = 'dep') => ({
    kind: 'transfer' as const,
    chain: 'ethereum' as const,
    txHash,
    blockHeight: txHash === 'dep' ? 5 : txHash === 'theft' ? 1 : 2,
    txIndex: 0,
    position,
    asset: 'native',
    from,
    to,
    amount,
  })
  const deposit: BridgeDepositEvent = {
    kind: 'bridge-deposit',
    chain: 'ethereum',
    txHash: 'dep',
    blockHeight: 5,
    txIndex: 0,
    position: 'c000000',
    router: 'R',
    vault: 'V',
    depositor: 'U',
    asset: 'native',
    amount: 1000n,
    memo: '=:BTC.BTC:BC1QDEST:0/1/0',
    blockTime,
  }
  const seeds: TraceSeed[] = [{ kind: 'transfer', chain: 'ethereum', txHash: 'theft' }]
  const result = traceForward({
    events: [
      move('a', 'X', 'U', 1000n, 'theft'),
      move('a', 'C', 'U', 3000n, 'clean'),
      move('a', 'U', 'R', 1000n),
      move('b00000', 'R', 'V', 1000n),
      deposit,
    ],
    seeds,
    policy,
  })
  const [only] = result.links
  if (only === undefined) throw new Error('no link')
  return { ...only, txHash: depositHash }
}

describe('behavior: matching a deposit to its bitcoin payout', () => {
  let store: SqliteStore
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' })
  })
  afterEach(() => store.close())

  const block = (height: number, time: number) => ({
    chain: 'bitcoin' as const,
    height,
    hash: `${height}`.padStart(64, '0'),
    parentHash: null,
    time,
    txCount: 1,
  })
  const pay = (tx: string, height: number, value: bigint, data?: string): OutputRecord[] => [
    {
      chain: 'bitcoin',
      txHash: tx,
      index: 0,
      address: DEST,
      value,
      scriptType: 'p2wpkh',
      blockHeight: height,
      txIndex: 0,
    },
    ...(data === undefined
      ? []
      : [
          {
            chain: 'bitcoin' as const,
            txHash: tx,
            index: 1,
            address: null,
            value: 0n,
            scriptType: 'nulldata',
            blockHeight: height,
            txIndex: 0,
            data: Buffer.from(data).toString('hex'),
          },
        ]),
  ]
  const match = (policy: TracePolicy, windowSeconds = 86_400, blockTime?: number | null) =>
    matchBridgeLinks(store, {
      links: [link(policy, blockTime)],
      policy,
      traced: new Set(['ethereum', 'bitcoin']),
      windowSeconds,
    })

  test('medium: one payment in the window; haircut seeds floor(100 × 250 / 1000) = 25 at hop 2', async () => {
    await store.writeBatch({
      blocks: [block(1, DEPOSIT_TIME + 600)],
      transactions: [],
      inputs: [],
      transfers: [],
      outputs: pay('p1', 1, 100n),
    })
    const { links, seeds } = await match('haircut')
    expect(links[0]).toMatchObject({
      tainted: 250n,
      confidence: 'medium',
      outbound: { txHash: 'p1', outputIndex: 0, value: 100n, blockTime: DEPOSIT_TIME + 600 },
      timeDelta: 600,
      seeded: 25n,
      otherCandidates: [],
    })
    expect(links[0]?.evidence).toEqual([
      { kind: 'memo', value: '=:BTC.BTC:BC1QDEST:0/1/0' },
      { kind: 'destination', value: `BTC.BTC ${DEST}` },
      { kind: 'time-delta', value: '600' },
      { kind: 'output-value', value: '100' },
      { kind: 'candidates', value: '1' },
    ])
    expect(seeds).toEqual([
      { kind: 'output', chain: 'bitcoin', txHash: 'p1', outputIndex: 0, tainted: 25n, hop: 2 },
    ])
    // poison: the whole output.
    expect((await match('poison')).seeds[0]?.tainted).toBe(100n)
    // A window shorter than the delay finds nothing.
    expect((await match('haircut', 599)).links[0]).toMatchObject({ confidence: 'none', seeded: 0n })
  })

  test('low, then high: several payments; the OUT memo picks its own', async () => {
    await store.writeBatch({
      blocks: [block(1, DEPOSIT_TIME + 600), block(2, DEPOSIT_TIME + 1200)],
      transactions: [],
      inputs: [],
      transfers: [],
      outputs: [...pay('p1', 1, 100n), ...pay('p2', 2, 200n)],
    })
    const low = await match('haircut')
    expect(low.links[0]).toMatchObject({ confidence: 'low', outbound: { txHash: 'p1' } })
    expect(low.links[0]?.otherCandidates.map((c) => c.txHash)).toEqual(['p2'])
    await store.writeBatch({
      blocks: [block(3, DEPOSIT_TIME + 1800)],
      transactions: [],
      inputs: [],
      transfers: [],
      outputs: pay('p3', 3, 300n, `OUT:${depositHash.slice(2).toUpperCase()}`),
    })
    const high = await match('fifo')
    expect(high.links[0]).toMatchObject({
      confidence: 'high',
      outbound: { txHash: 'p3', value: 300n },
      seeded: 300n, // fifo carried all 1,000: 300 × 1000 / 1000
      otherCandidates: [],
    })
    expect(high.links[0]?.evidence.at(-1)).toEqual({
      kind: 'out-memo',
      value: `OUT:${depositHash}`,
    })
  })

  test('none: the deposit block time is unknown, or bitcoin is not traced', async () => {
    expect((await match('haircut', 86_400, null)).links[0]?.evidence.at(-1)).toEqual({
      kind: 'unmatched',
      value: 'the deposit block is not imported: its time is unknown',
    })
    const untraced = await matchBridgeLinks(store, {
      links: [link('haircut')],
      policy: 'haircut',
      traced: new Set(['ethereum']),
      windowSeconds: 86_400,
    })
    expect(untraced.links[0]).toMatchObject({ confidence: 'none', outbound: null })
    expect(untraced.seeds).toEqual([])
  })
})
