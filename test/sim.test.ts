import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TruthEndpoint, TruthStep } from '../src/sim/index.js'
import { openStore } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, runCaptured, type TestDatabaseUrl } from './harness.js'

type Truth = {
  readonly theft: readonly TruthStep[]
  readonly steps: readonly TruthStep[]
  readonly endpoints: readonly TruthEndpoint[]
  readonly thiefAddresses: {
    readonly ethereum: readonly string[]
    readonly bitcoin: readonly string[]
  }
  readonly bridgeDeposits: readonly { readonly amount: string }[]
  readonly organisations: readonly {
    readonly kind: string
    readonly addresses: readonly string[]
  }[]
}

const work = mkdtempSync(join(tmpdir(), 'cw-sim-'))
// A benign share of one half keeps the files small enough to import in a few seconds.
const generate = (seed: number, out: string, extra: readonly string[] = []) =>
  runCaptured([
    'sim',
    'generate',
    '--scenario',
    'bybit-2025',
    '--seed',
    `${seed}`,
    '--benign-share',
    '0.5',
    '--out',
    join(work, out),
    ...extra,
  ])

/** sha256 of every file under `dir`, by relative path. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name)
    if (!name.endsWith('.json')) continue
    out[name] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  return out
}

let db: TestDatabaseUrl
let truth: Truth

beforeAll(async () => {
  for (const [seed, out, extra] of [
    [7, 'a', []],
    [7, 'b', []],
    [8, 'c', []],
    // Three worker threads split the blocks differently; the bytes must not change.
    [7, 'd', ['--workers', '3']],
  ] as const) {
    const run = await generate(seed, out, extra)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  }
  truth = JSON.parse(readFileSync(join(work, 'a', 'truth.json'), 'utf8')) as Truth
  db = createTestDatabaseUrl('sqlite')
}, 120_000)

afterAll(async () => {
  await db.dispose()
  rmSync(work, { recursive: true, force: true })
})

describe('sim generate bybit-2025', () => {
  test('the same seed gives byte-identical files; another seed differs', () => {
    const a = digests(join(work, 'a'))
    expect(Object.keys(a)).toEqual([
      'bitcoin/blocks.json',
      'bitcoin/transactions.json',
      'ethereum/blocks.json',
      'ethereum/logs.json',
      'ethereum/token_transfers.json',
      'ethereum/traces.json',
      'ethereum/transactions.json',
      'truth.json',
    ])
    expect(digests(join(work, 'b'))).toEqual(a)
    expect(digests(join(work, 'd'))).toEqual(a)
    const c = digests(join(work, 'c'))
    for (const name of Object.keys(a)) expect(c[name], name).not.toBe(a[name])
  })

  test('imports with zero rejected rows, and truth agrees with the store', async () => {
    const files = ['ethereum', 'bitcoin'].flatMap((chain) =>
      readdirSync(join(work, 'a', chain)).map((name) => join(work, 'a', chain, name)),
    )
    const run = await cli(db.url, ['import', '--strict', ...files])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/, 0 bad,/)

    const store = await openStore(db.url)
    try {
      const transfers = new Map<
        string,
        { from: string | null; to: string | null; asset: string; amount: bigint }
      >()
      const ethNet = new Map<string, bigint>()
      for await (const page of store.transfersInOrder({ chain: 'ethereum' })) {
        for (const t of page) {
          transfers.set(`${t.txHash}|${t.position}`, t)
          if (t.asset !== 'native') continue
          if (t.from !== null) ethNet.set(t.from, (ethNet.get(t.from) ?? 0n) - t.amount)
          if (t.to !== null) ethNet.set(t.to, (ethNet.get(t.to) ?? 0n) + t.amount)
        }
      }
      const outputs = new Map<string, { address: string | null; value: bigint }>()
      const fees = new Map<string, bigint>()
      const received = new Map<string, bigint>()
      const spentFrom = new Set<string>()
      for await (const page of store.utxoTransactionsInOrder({ chain: 'bitcoin' })) {
        for (const tx of page) {
          let out = 0n
          for (const o of tx.outputs) {
            outputs.set(`${tx.txHash}|${o.index}`, o)
            out += o.value
            if (o.address !== null)
              received.set(o.address, (received.get(o.address) ?? 0n) + o.value)
          }
          const inputs = tx.inputs.reduce((sum, i) => sum + (i.value ?? 0n), 0n)
          fees.set(tx.txHash, inputs - out)
          for (const i of tx.inputs) if (i.address !== null) spentFrom.add(i.address)
        }
      }

      // Every laundering step is in the store, as the truth says.
      expect(truth.steps.length).toBeGreaterThan(10_000)
      for (const step of truth.steps) {
        if (step.chain === 'ethereum') {
          const t = transfers.get(`${step.txHash}|${step.position}`)
          expect(t, `${step.txHash} ${step.position}`).toEqual(
            expect.objectContaining({
              from: step.from,
              to: step.to,
              asset: step.asset,
              amount: BigInt(step.amount),
            }),
          )
        } else {
          const o = outputs.get(`${step.txHash}|${step.outputIndex}`)
          expect(o, `${step.txHash}:${step.outputIndex}`).toEqual(
            expect.objectContaining({ address: step.to, value: BigInt(step.amount) }),
          )
        }
      }

      // Ethereum: what was stolen plus what the swaps paid = what was bridged + what the
      // thief's addresses still hold (each keeps a little for gas).
      const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)
      const stolen = BigInt(truth.theft.find((s) => s.asset === 'native')?.amount ?? 0)
      const swapped = sum(
        truth.steps
          .filter(
            (s) =>
              s.technique === 'swap' &&
              s.asset === 'native' &&
              truth.thiefAddresses.ethereum.includes(s.to),
          )
          .map((s) => BigInt(s.amount)),
      )
      const bridged = sum(truth.bridgeDeposits.map((d) => BigInt(d.amount)))
      const residue = sum(truth.thiefAddresses.ethereum.map((a) => ethNet.get(a) ?? 0n))
      expect(stolen + swapped).toBe(bridged + residue)
      for (const a of truth.thiefAddresses.ethereum)
        expect(ethNet.get(a) ?? 0n).toBeGreaterThanOrEqual(0n)

      // Bitcoin: the bridge payouts = what reached the endpoints + the fees the thief paid.
      const payouts = sum(
        truth.steps.filter((s) => s.technique === 'bridge-payout').map((s) => BigInt(s.amount)),
      )
      const launderingTxs = new Set(
        truth.steps
          .filter((s) => s.chain === 'bitcoin' && s.technique !== 'bridge-payout')
          .map((s) => s.txHash),
      )
      const thiefFees = sum([...launderingTxs].map((h) => fees.get(h) ?? 0n))
      const ended = sum(truth.endpoints.map((e) => BigInt(e.amount)))
      expect(payouts).toBe(ended + thiefFees)

      // Each endpoint's balance in the store is what the truth says ended there.
      const organisations = new Set(truth.endpoints.map((e) => e.organisation))
      expect(organisations.size).toBeGreaterThanOrEqual(4)
      for (const e of truth.endpoints) {
        expect(received.get(e.address), e.address).toBe(BigInt(e.amount))
        expect(spentFrom.has(e.address)).toBe(false)
      }
    } finally {
      await store.close()
    }
  }, 120_000)

  test('a trace from the ETH theft crosses the bridge and reaches every truth endpoint on bitcoin', async () => {
    const theft = truth.theft.find((s) => s.asset === 'native')
    if (theft === undefined) throw new Error('no native theft step')
    type Trace = {
      manifest: { unmatchedSwaps: number; unmatchedBridgeDeposits: number }
      result: {
        holdings: { chain: string; address: string; received: string }[]
        links: { confidence: string }[]
      }
    }
    const trace = async (policy: string): Promise<Trace> => {
      const run = await cli(db.url, [
        '--json',
        'trace',
        '--from-tx',
        theft.txHash,
        '--policy',
        policy,
      ])
      expect(run.code, run.stderr).toBe(0)
      return JSON.parse(run.stdout)
    }
    const received = (t: Trace) =>
      new Map(
        t.result.holdings
          .filter((h) => h.chain === 'bitcoin')
          .map((h) => [h.address, BigInt(h.received)]),
      )
    const payouts = truth.steps.filter((s) => s.technique === 'bridge-payout')
    // The consolidation mixes all stolen ETH, so under poison every deposit carries taint, every
    // payout is tied to its deposit by its OUT:<hash> memo, and each endpoint receives exactly
    // what the truth says it received.
    const poison = await trace('poison')
    expect(poison.manifest).toMatchObject({ unmatchedSwaps: 0, unmatchedBridgeDeposits: 0 })
    expect(poison.result.links).toHaveLength(payouts.length)
    expect(poison.result.links.every((l) => l.confidence === 'high')).toBe(true)
    const poisoned = received(poison)
    for (const e of truth.endpoints)
      expect(poisoned.get(e.address), e.address).toBe(BigInt(e.amount))
    // haircut: the clean value mixed in on the way dilutes it, never beyond the truth.
    const haircut = received(await trace('haircut'))
    for (const e of truth.endpoints) {
      const got = haircut.get(e.address) ?? 0n
      expect(got > 0n && got <= BigInt(e.amount), e.address).toBe(true)
    }
  }, 180_000)

  test('a trace from a token theft follows the swap and the WETH unwrap into ETH, and across the bridge', async () => {
    const theft = truth.theft.find((s) => s.asset !== 'native')
    if (theft === undefined) throw new Error('no token theft step')
    const run = await cli(db.url, [
      '--json',
      'trace',
      '--from-tx',
      theft.txHash,
      '--policy',
      'haircut',
    ])
    expect(run.code, run.stderr).toBe(0)
    const trace: {
      manifest: { unmatchedSwaps: number }
      result: {
        links: unknown[]
        totals: { swappedOut: string; swappedIn: string; bridged: string }
      }
    } = JSON.parse(run.stdout)
    expect(trace.manifest.unmatchedSwaps).toBe(0)
    const totals = trace.result.totals
    // Converted twice: token → WETH in the pool, WETH → ETH at WETH9.
    expect(BigInt(totals.swappedOut)).toBeGreaterThan(BigInt(theft.amount))
    expect(BigInt(totals.bridged)).toBeGreaterThan(0n)
    expect(trace.result.links.length).toBeGreaterThan(0)
  }, 180_000)

  test('a generation replaces only the files it writes in DIR', async () => {
    const out = join(work, 'shared-dir')
    mkdirSync(join(out, 'ethereum'), { recursive: true })
    writeFileSync(join(out, 'notes.txt'), 'mine')
    writeFileSync(join(out, 'ethereum', 'receipts.json'), 'mine too')
    expect((await generate(7, 'shared-dir')).code).toBe(0)
    expect(readdirSync(join(out, 'bitcoin')).sort()).toEqual(['blocks.json', 'transactions.json'])
    // ronin-2022 never reaches Bitcoin: bybit's Bitcoin export must not linger beside it.
    const ronin = await runCaptured([
      'sim',
      'generate',
      '--scenario',
      'ronin-2022',
      '--seed',
      '7',
      '--benign-share',
      '0.2',
      '--out',
      out,
    ])
    expect(ronin.code, ronin.stderr).toBe(0)
    expect(readdirSync(join(out, 'bitcoin'))).toEqual([])
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine')
    expect(readFileSync(join(out, 'ethereum', 'receipts.json'), 'utf8')).toBe('mine too')
    expect(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')).scenario).toBe('ronin-2022')
  })
})
