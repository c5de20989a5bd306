import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeEventLog, parseAbi } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TruthEndpoint, TruthStep } from '../src/sim/index.js'
import { openStore } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, runCaptured, type TestDatabaseUrl } from './harness.js'

/** The Ethereum-only scenarios besides bybit-2025 (tested in sim.test.ts). */
type Truth = {
  readonly theft: readonly TruthStep[]
  readonly steps: readonly TruthStep[]
  readonly endpoints: readonly TruthEndpoint[]
  readonly thiefAddresses: { readonly ethereum: readonly string[]; readonly bitcoin: [] }
  readonly organisations: readonly {
    readonly name: string
    readonly kind: string
    readonly addresses: readonly string[]
  }[]
  readonly scenarioTokens: readonly { readonly address: string; readonly decimals: number }[]
  readonly mixer?: { readonly address: string; readonly denomination: string }
  readonly mixerNotes?: readonly MixerNote[]
  readonly drainer?: { readonly contract: string; readonly beneficiary: string }
  readonly approvals?: readonly { txHash: string; victim: string; token: string }[]
}
type MixerNote = {
  readonly laundering: boolean
  readonly leafIndex: number
  readonly commitment: string
  readonly depositTx: string
  readonly depositor: string
  readonly depositTime: number
  readonly withdrawal: {
    readonly tx: string
    readonly time: number
    readonly nullifierHash: string
    readonly recipient: string
    readonly relayer: string
    readonly fee: string
  } | null
}
type StoredTransfer = { from: string | null; to: string | null; asset: string; amount: bigint }
type Stored = {
  readonly transfers: Map<string, StoredTransfer>
  readonly byTx: Map<string, StoredTransfer[]>
  /** Net received per `asset|address` (native and tokens). */
  readonly net: Map<string, bigint>
  readonly received: Map<string, bigint>
  readonly sent: Set<string>
}

const events = parseAbi([
  'event Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp)',
  'event Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
])
type LogRow = {
  transaction_hash: string
  block_timestamp: number
  address: string
  data: `0x${string}`
  topics: [`0x${string}`, ...`0x${string}`[]]
}

const work = mkdtempSync(join(tmpdir(), 'cw-simsc-'))
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)

/** sha256 of every file under `dir`, by relative path. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!name.endsWith('.json')) continue
    out[name] = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex')
  }
  return out
}

const logsOf = (dir: string): LogRow[] =>
  readFileSync(join(dir, 'ethereum', 'logs.json'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogRow)

/** Generates the scenario (seeds 7, 7, 8, and 7 on three threads), imports seed 7, reads the store. */
function setUp(scenario: string) {
  const state = {} as { db: TestDatabaseUrl; truth: Truth; stored: Stored }
  const dir = (out: string) => join(work, scenario, out)
  beforeAll(async () => {
    for (const [seed, out, workers] of [
      [7, 'a', 1],
      [7, 'b', 1],
      [8, 'c', 1],
      // Three worker threads split the blocks differently; the bytes must not change.
      [7, 'd', 3],
    ] as const) {
      const run = await runCaptured([
        ...['sim', 'generate', '--scenario', scenario, '--seed', `${seed}`],
        ...['--workers', `${workers}`, '--benign-share', '0.5', '--out', dir(out)],
      ])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    }
    state.truth = JSON.parse(readFileSync(join(dir('a'), 'truth.json'), 'utf8')) as Truth
    state.db = createTestDatabaseUrl('sqlite')
    const files = readdirSync(join(dir('a'), 'ethereum')).map((f) => join(dir('a'), 'ethereum', f))
    const run = await cli(state.db.url, ['import', '--strict', ...files])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/, 0 bad,/)
    const store = await openStore(state.db.url)
    const stored: Stored = {
      transfers: new Map(),
      byTx: new Map(),
      net: new Map(),
      received: new Map(),
      sent: new Set(),
    }
    const add = (key: string, amount: bigint) =>
      stored.net.set(key, (stored.net.get(key) ?? 0n) + amount)
    try {
      for await (const page of store.transfersInOrder({ chain: 'ethereum' })) {
        for (const t of page) {
          stored.transfers.set(`${t.txHash}|${t.position}`, t)
          stored.byTx.set(t.txHash, [...(stored.byTx.get(t.txHash) ?? []), t])
          if (t.from !== null) {
            add(`${t.asset}|${t.from}`, -t.amount)
            stored.sent.add(t.from)
          }
          if (t.to !== null) {
            add(`${t.asset}|${t.to}`, t.amount)
            if (t.asset === 'native')
              stored.received.set(t.to, (stored.received.get(t.to) ?? 0n) + t.amount)
          }
        }
      }
    } finally {
      await store.close()
    }
    state.stored = stored
  }, 180_000)
  afterAll(async () => {
    await state.db.dispose()
  })

  test('the same seed gives byte-identical files, another seed differs; Ethereum only', () => {
    const a = digests(dir('a'))
    expect(Object.keys(a)).toEqual([
      'ethereum/blocks.json',
      'ethereum/logs.json',
      'ethereum/token_transfers.json',
      'ethereum/traces.json',
      'ethereum/transactions.json',
      'truth.json',
    ])
    expect(digests(dir('b'))).toEqual(a)
    expect(digests(dir('d'))).toEqual(a)
    const c = digests(dir('c'))
    for (const name of Object.keys(a)) expect(c[name], name).not.toBe(a[name])
  })

  test('every truth step is in the store as the truth says; endpoints received their amounts', () => {
    const { truth, stored } = state
    for (const step of truth.steps) {
      expect(step.chain).toBe('ethereum')
      expect(stored.transfers.get(`${step.txHash}|${step.position}`), step.txHash).toEqual(
        expect.objectContaining({
          from: step.from,
          to: step.to,
          asset: step.asset,
          amount: BigInt(step.amount),
        }),
      )
    }
    expect(truth.endpoints.length).toBeGreaterThanOrEqual(5)
    expect(new Set(truth.endpoints.map((e) => e.organisation)).size).toBeGreaterThanOrEqual(3)
    for (const e of truth.endpoints) {
      expect(e.chain).toBe('ethereum')
      expect(stored.received.get(e.address), e.address).toBe(BigInt(e.amount))
      expect(stored.sent.has(e.address), e.address).toBe(false)
    }
    // Synthetic addresses only: none of the real incident's.
    const real = '0x098b716b8aaf21512996dc57eb0615e2383e2f96'
    expect(readFileSync(join(dir('a'), 'truth.json'), 'utf8')).not.toContain(real)
  })

  return { state, dir }
}

/** Σ amount of the steps that `keep` selects. */
const stepTotal = (truth: Truth, keep: (s: TruthStep) => boolean) =>
  sum(truth.steps.filter(keep).map((s) => BigInt(s.amount)))

/** Σ native net of the thief's addresses, each of which must hold ≥ 0. */
function thiefResidue(truth: Truth, stored: Stored): bigint {
  const held = truth.thiefAddresses.ethereum.map((a) => stored.net.get(`native|${a}`) ?? 0n)
  for (const h of held) expect(h).toBeGreaterThanOrEqual(0n)
  return sum(held)
}

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('sim generate ronin-2022', () => {
  const { state, dir } = setUp('ronin-2022')

  test('value is conserved: stolen ETH + swap proceeds = endpoints + relayer fees + what the thief still holds', () => {
    const { truth, stored } = state
    const thief = new Set(truth.thiefAddresses.ethereum)
    const usdc = truth.scenarioTokens[0]?.address ?? ''
    const stolenEth = stepTotal(truth, (s) => s.technique === 'theft' && s.asset === 'native')
    const stolenUsdc = stepTotal(truth, (s) => s.technique === 'theft' && s.asset === usdc)
    expect(stolenEth).toBe(173_600n * 10n ** 18n)
    expect(stolenUsdc).toBe(25_500_000n * 10n ** 6n)
    // All the USDC went into the pool; none is left with the thief.
    expect(stepTotal(truth, (s) => s.technique === 'swap' && s.asset === usdc)).toBe(stolenUsdc)
    for (const a of thief) expect(stored.net.get(`${usdc}|${a}`) ?? 0n).toBe(0n)
    const proceeds = stepTotal(
      truth,
      (s) => s.technique === 'swap' && s.asset === 'native' && thief.has(s.to),
    )
    const notes = truth.mixerNotes ?? []
    const fees = sum(notes.filter((n) => n.laundering).map((n) => BigInt(n.withdrawal?.fee ?? 0)))
    const ended = sum(truth.endpoints.map((e) => BigInt(e.amount)))
    const residue = thiefResidue(truth, stored)
    expect(stolenEth + proceeds).toBe(ended + fees + residue)
    // The residue is gas reserves plus the exploiter's last part of a note.
    expect(residue).toBeLessThan(BigInt(thief.size) * 10n ** 16n + 100n * 10n ** 18n)
    expect(ended * 100n).toBeGreaterThan((stolenEth + proceeds) * 99n)
  })

  test("the mixer's ETH in = out + the notes still in it, and the hidden linkage is consistent", () => {
    const { truth, stored } = state
    const mixer = truth.mixer?.address ?? ''
    const denomination = BigInt(truth.mixer?.denomination ?? 0)
    const notes = truth.mixerNotes ?? []
    const thief = new Set(truth.thiefAddresses.ethereum)
    const into = [...stored.transfers.values()].filter((t) => t.to === mixer)
    const outOf = [...stored.transfers.values()].filter((t) => t.from === mixer)
    const unspent = notes.filter((n) => n.withdrawal === null).length
    expect(into.every((t) => t.asset === 'native' && t.amount === denomination)).toBe(true)
    expect(into.length).toBe(notes.length)
    expect(sum(into.map((t) => t.amount))).toBe(
      sum(outOf.map((t) => t.amount)) + BigInt(unspent) * denomination,
    )
    expect(unspent).toBeGreaterThan(0)
    expect(new Set(notes.map((n) => n.commitment)).size).toBe(notes.length)
    expect(new Set(notes.map((n) => n.withdrawal?.nullifierHash)).size).toBe(
      notes.length - unspent + 1,
    )

    // What the chain shows: Deposit(commitment, leafIndex, block time) and Withdrawal events.
    const byCommitment = new Map(notes.map((n) => [n.commitment, n]))
    const byWithdrawalTx = new Map(
      notes.flatMap((n) => (n.withdrawal === null ? [] : [[n.withdrawal.tx, n] as const])),
    )
    let deposits = 0
    let withdrawals = 0
    for (const log of logsOf(dir('a')).filter((l) => l.address === mixer)) {
      const event = decodeEventLog({ abi: events, data: log.data, topics: log.topics })
      if (event.eventName === 'Deposit') {
        const note = byCommitment.get(event.args.commitment)
        expect(note?.depositTx).toBe(log.transaction_hash)
        // Leaf indices count deposits in chain order, from 0.
        expect(event.args.leafIndex).toBe(deposits++)
        expect(note?.leafIndex).toBe(event.args.leafIndex)
        expect(event.args.timestamp).toBe(BigInt(log.block_timestamp))
      } else if (event.eventName === 'Withdrawal') {
        withdrawals++
        const spent = byWithdrawalTx.get(log.transaction_hash)?.withdrawal
        expect(spent, log.transaction_hash).toEqual(
          expect.objectContaining({
            nullifierHash: event.args.nullifierHash,
            recipient: event.args.to.toLowerCase(),
            relayer: event.args.relayer.toLowerCase(),
            fee: event.args.fee.toString(),
          }),
        )
      }
    }
    expect(deposits).toBe(notes.length)
    expect(withdrawals).toBe(notes.length - unspent)

    for (const n of notes) {
      expect(stored.transfers.get(`${n.depositTx}|a`)).toEqual(
        expect.objectContaining({ from: n.depositor, to: mixer, amount: denomination }),
      )
      if (n.laundering) {
        // The thief withdraws every note it put in, to its own fresh addresses.
        expect(thief.has(n.depositor) && n.withdrawal !== null).toBe(true)
        expect(thief.has(n.withdrawal?.recipient ?? '')).toBe(true)
      }
      if (n.withdrawal === null) continue
      const w = n.withdrawal
      expect(w.time).toBeGreaterThan(n.depositTime)
      expect(stored.byTx.get(w.tx)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            from: mixer,
            to: w.recipient,
            amount: denomination - BigInt(w.fee),
          }),
          expect.objectContaining({ from: mixer, to: w.relayer, amount: BigInt(w.fee) }),
        ]),
      )
    }
  })
})

describe('sim generate phishing-drainer', () => {
  const { state, dir } = setUp('phishing-drainer')

  test('value is conserved: drained ETH + swap proceeds = endpoints + what the thief still holds', () => {
    const { truth, stored } = state
    const drainer = truth.drainer?.contract ?? ''
    const thief = new Set(truth.thiefAddresses.ethereum)
    const victims = new Set(
      truth.organisations.find((o) => o.name === 'Phishing victims')?.addresses ?? [],
    )
    expect(victims.size).toBeGreaterThanOrEqual(300)
    const drains = truth.steps.filter((s) => s.technique === 'drain')
    // Claims: victim → drainer → beneficiary, in one transaction; sweeps: victim → beneficiary.
    for (const s of drains) expect(victims.has(s.from ?? '') || s.from === drainer).toBe(true)
    const claimed = stepTotal(truth, (s) => s.technique === 'drain' && s.to === drainer)
    const forwarded = stepTotal(truth, (s) => s.technique === 'drain' && s.from === drainer)
    expect(forwarded).toBe(claimed)
    expect(stored.net.get(`native|${drainer}`) ?? 0n).toBe(0n)
    const tokens = new Set(drains.filter((s) => s.asset !== 'native').map((s) => s.asset))
    expect(tokens.size).toBeGreaterThanOrEqual(2)
    for (const token of tokens) {
      // Every swept token was swapped; the thief holds none.
      const swept = stepTotal(truth, (s) => s.technique === 'drain' && s.asset === token)
      expect(stepTotal(truth, (s) => s.technique === 'swap' && s.asset === token)).toBe(swept)
      for (const a of thief) expect(stored.net.get(`${token}|${a}`) ?? 0n).toBe(0n)
    }
    const proceeds = stepTotal(
      truth,
      (s) => s.technique === 'swap' && s.asset === 'native' && thief.has(s.to),
    )
    const ended = sum(truth.endpoints.map((e) => BigInt(e.amount)))
    const residue = thiefResidue(truth, stored)
    expect(claimed + proceeds).toBe(ended + residue)
    expect(residue).toBe(3n * 10n ** 16n)
  })

  test('each approval is an Approval(victim, drainer, max) log of the token, with no transfer', () => {
    const { truth, stored } = state
    const approvals = truth.approvals ?? []
    expect(approvals.length).toBeGreaterThan(100)
    const logs = new Map(logsOf(dir('a')).map((l) => [l.transaction_hash, l]))
    for (const a of approvals) {
      const log = logs.get(a.txHash)
      expect(log?.address).toBe(a.token)
      if (log === undefined) continue
      const event = decodeEventLog({ abi: events, data: log.data, topics: log.topics })
      expect(event.eventName).toBe('Approval')
      if (event.eventName !== 'Approval') continue
      expect(event.args.owner.toLowerCase()).toBe(a.victim)
      expect(event.args.spender.toLowerCase()).toBe(truth.drainer?.contract)
      expect(event.args.value).toBe(2n ** 256n - 1n)
      expect(stored.byTx.has(a.txHash)).toBe(false)
    }
  })
})
