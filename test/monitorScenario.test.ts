import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from '../src/server/index.js'
import { scenarioDesignations, setupScenario } from '../src/sim/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, runCaptured, type TestDatabaseUrl } from './harness.js'

type Step = {
  chain: string
  technique: string
  txHash: string
  outputIndex: number | null
  from: string | null
  to: string
  amount: string
  time: number
}
type Truth = {
  steps: Step[]
  endpoints: { address: string; organisation: string; kind: string }[]
}
type BtcTx = {
  hash: string
  is_coinbase: boolean
  block_timestamp: number
  inputs: { addresses: string[] }[]
  outputs: { index: number; addresses: string[]; value: number }[]
}

const parameters = { scenario: 'bybit-2025', seed: 3, benignShare: 0.5 } as const
/** Events per decided sample; every k-th laundering deposit so all exchanges and depths occur. */
const SAMPLE = 400

describe('monitoring on a simulated scenario (bybit-2025, seed 3)', () => {
  let dir: string
  let db: TestDatabaseUrl
  let store: Store
  let truth: Truth
  let benignTxs: BtcTx[]

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cw-monitor-'))
    const generated = await runCaptured([
      ...['sim', 'generate', '--scenario', parameters.scenario, '--seed', `${parameters.seed}`],
      ...['--benign-share', `${parameters.benignShare}`, '--workers', '1', '--out', dir],
    ])
    expect(generated.code, generated.stderr).toBe(0)
    db = createTestDatabaseUrl('sqlite')
    const imported = await cli(db.url, ['import', join(dir, 'ethereum'), join(dir, 'bitcoin')])
    expect(imported.code, imported.stderr).toBe(0)
    store = await openStore(db.url)
    const designations = scenarioDesignations(setupScenario(parameters))
    const venues = new Set(
      designations.filter((d) => d.category === 'exchange').map((d) => d.address),
    )
    await store.replaceList({
      list: 'scenario',
      kind: 'address-list',
      source: 'sim bybit-2025 seed 3',
      publishedAt: null,
      sha256: '',
      loadedAt: '2025-02-21T00:00:00.000Z',
      entries: designations,
    })
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth
    const laundering = new Set(truth.steps.map((s) => s.txHash))
    benignTxs = readFileSync(join(dir, 'bitcoin', 'transactions.json'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"transaction"'))
      .map((line) => JSON.parse(line) as BtcTx)
      .filter((tx) => !tx.is_coinbase && !laundering.has(tx.hash))
      // Sweeps of deposits into an exchange's hot wallet are the exchange's own consolidation,
      // not customer deposits (posted as one account's deposits, fan-in would flag them).
      .filter((tx) => !tx.outputs.some((o) => o.addresses.some((a) => venues.has(a))))
  }, 600_000)

  afterAll(async () => {
    await store?.close()
    await db?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('holds or reviews every sampled laundering deposit; benign false positives measured', async () => {
    const exchanges = new Map(
      truth.endpoints.filter((e) => e.kind === 'exchange').map((e) => [e.address, e.organisation]),
    )
    const deposits = truth.steps.filter((s) => s.chain === 'bitcoin' && exchanges.has(s.to))
    const step = Math.max(1, Math.floor(deposits.length / SAMPLE))
    const launderingEvents = deposits
      .filter((_, i) => i % step === 0)
      .slice(0, SAMPLE)
      .map((s) => ({
        org: slug(exchanges.get(s.to) ?? 'exchange'),
        account: `customer-${s.to.slice(-10)}`,
        direction: 'deposit',
        chain: 'bitcoin',
        txHash: s.txHash,
        index: s.outputIndex ?? 0,
        counterparty: s.from ?? '',
        ownAddress: s.to,
        amount: s.amount,
        time: s.time,
      }))
    const benignStep = Math.max(1, Math.floor(benignTxs.length / SAMPLE))
    const benignEvents = benignTxs
      .filter((_, i) => i % benignStep === 0)
      .slice(0, SAMPLE)
      .map((tx) => {
        const output = tx.outputs[0]
        return {
          org: 'exchange-benign',
          account: `customer-${(output?.addresses[0] ?? '').slice(-10)}`,
          direction: 'deposit',
          chain: 'bitcoin',
          txHash: tx.hash,
          index: output?.index ?? 0,
          counterparty: tx.inputs[0]?.addresses[0] ?? '',
          ownAddress: output?.addresses[0] ?? '',
          amount: String(output?.value ?? 1),
          time: tx.block_timestamp,
        }
      })
      .filter((e) => e.counterparty !== '' && e.ownAddress !== '' && e.amount !== '0')

    const server = createServer({ store, version: 'test', log: () => undefined })
    const decide = async (events: readonly object[]) => {
      const decisions: {
        decision: string
        reasons: string[]
        hits: { ruleId: string }[]
        duplicate: boolean
      }[] = []
      for (let i = 0; i < events.length; i += 100) {
        const response = await server.request('/v1/monitor/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ events: events.slice(i, i + 100) }),
        })
        expect(response.status, await response.clone().text()).toBe(200)
        const body = (await response.json()) as { results: typeof decisions }
        decisions.push(...body.results)
      }
      return decisions
    }
    const laundering = await decide(launderingEvents)
    const benign = await decide(benignEvents)
    const count = (list: typeof laundering, decision: string) =>
      list.filter((d) => d.decision === decision).length
    const flagged = benign.filter((d) => d.decision !== 'allow')
    const ruleCounts = new Map<string, number>()
    for (const d of laundering) {
      for (const h of d.hits) ruleCounts.set(h.ruleId, (ruleCounts.get(h.ruleId) ?? 0) + 1)
    }
    // The figures the issue asks for; reported, only the laundering ones asserted.
    process.stdout.write(
      `laundering deposits: ${laundering.length} of ${deposits.length} → hold ${count(laundering, 'hold')}, ` +
        `review ${count(laundering, 'review')}, allow ${count(laundering, 'allow')} ` +
        `(rules: ${JSON.stringify(Object.fromEntries(ruleCounts))}); benign deposits: ${benign.length} → ` +
        `hold ${count(benign, 'hold')}, review ${count(benign, 'review')}, ` +
        `false-positive rate ${((100 * flagged.length) / benign.length).toFixed(2)} %\n`,
    )
    expect(laundering.length).toBeGreaterThan(100)
    expect(benign.length).toBeGreaterThan(100)
    expect(laundering.filter((d) => d.decision === 'allow')).toEqual([])
    expect(laundering.every((d) => !d.duplicate)).toBe(true)
  }, 600_000)
})

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
