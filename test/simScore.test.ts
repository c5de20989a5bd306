import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCaptured } from './harness.js'

type Step = { chain: string; technique: string; txHash: string; to: string; time: number }
type Endpoint = { chain: string; address: string; amount: string }
type Truth = {
  steps: Step[]
  endpoints: Endpoint[]
  thiefAddresses: Record<string, string[]>
  organisations: { name: string; kind: string; addresses: string[] }[]
}
type Row = {
  chain: string
  technique: string
  steps: number
  detected: number
  undetected: number
  medianDelay: number | null
  p90Delay: number | null
}

const work = mkdtempSync(join(tmpdir(), 'cw-score-'))
const dir = join(work, 'scenario')
const truthPath = join(dir, 'truth.json')
let truth: Truth
let theftTime: number

beforeAll(async () => {
  // One generator thread: the bytes are the same for any count, and the test needs no workers.
  const args = ['sim', 'generate', '--scenario', 'bybit-2025', '--seed', '11', '--workers', '1']
  const run = await runCaptured([...args, '--benign-share', '0.5', '--out', dir])
  expect(run.code, run.stderr).toBe(0)
  truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth
  theftTime = Math.min(...truth.steps.filter((s) => s.technique === 'theft').map((s) => s.time))
}, 120_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Writes a findings file and runs `sim score` on it, as JSON or as the table. */
async function score(name: string, findings: unknown, json = true) {
  const file = join(work, `${name}.json`)
  writeFileSync(file, JSON.stringify(findings))
  const args = ['sim', 'score', '--truth', truthPath, '--findings', file]
  const run = await runCaptured(json ? ['--json', ...args] : args)
  expect(run.code, run.stderr).toBe(0)
  return run.stdout
}

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)
const rank = (delays: number[], p: number) => {
  const sorted = [...delays].sort((a, b) => a - b)
  return sorted.length === 0 ? null : (sorted[Math.ceil((sorted.length * p) / 100) - 1] ?? null)
}
const btc = (sats: bigint) => {
  const fraction = (sats % 100_000_000n).toString().padStart(8, '0').replace(/0+$/, '')
  return `${sats / 100_000_000n}${fraction === '' ? '' : `.${fraction}`} BTC`
}

/** Groups of steps by chain and technique, in order of their first step. */
function groups(): { chain: string; technique: string; steps: Step[] }[] {
  const byKey = new Map<string, Step[]>()
  for (const s of truth.steps) {
    const k = `${s.chain} ${s.technique}`
    const list = byKey.get(k) ?? []
    list.push(s)
    byKey.set(k, list)
  }
  return [...byKey.values()]
    .map((steps) => ({ chain: steps[0]?.chain ?? '', technique: steps[0]?.technique ?? '', steps }))
    .sort(
      (a, b) =>
        Math.min(...a.steps.map((s) => s.time)) - Math.min(...b.steps.map((s) => s.time)) ||
        a.technique.localeCompare(b.technique),
    )
}

describe('sim score', () => {
  test('a perfect participant: everything named at the theft, every endpoint held', async () => {
    const thief = Object.entries(truth.thiefAddresses).flatMap(([chain, list]) =>
      list.map((address) => ({ chain, address, time: theftTime })),
    )
    const endpoints = truth.endpoints.map((e) => ({
      chain: e.chain,
      address: e.address,
      time: new Date(theftTime * 1000).toISOString(),
    }))
    const holds = truth.endpoints.map((e) => ({ ...e, time: theftTime }))
    const report = JSON.parse(
      await score('perfect', { participant: 'oracle', flagged: [...thief, ...endpoints], holds }),
    )
    expect(report.addresses.all).toMatchObject({
      named: thief.length + endpoints.length,
      falsePositives: 0,
      precision: 1,
      thief: { recall: 1 },
      endpoints: { found: truth.endpoints.length, recall: 1 },
    })
    expect(report.detection.overall).toMatchObject({
      steps: truth.steps.length,
      detected: truth.steps.length,
      p90Delay: 0,
    })
    const total = sum(truth.endpoints.map((e) => BigInt(e.amount)))
    expect(report.value.byAsset).toMatchObject([
      { chain: 'bitcoin', frozen: `${total}`, escaped: '0', endpointTotal: `${total}` },
    ])
  }, 60_000)

  test('a partial participant: bitcoin endpoints only, an hour after their last deposit', async () => {
    const lastIn = new Map<string, number>()
    const firstIn = new Map<string, number>()
    for (const s of truth.steps) {
      lastIn.set(s.to, Math.max(lastIn.get(s.to) ?? 0, s.time))
      firstIn.set(s.to, Math.min(firstIn.get(s.to) ?? Number.MAX_SAFE_INTEGER, s.time))
    }
    const endpoints = truth.endpoints.filter((e) => e.chain === 'bitcoin')
    const flaggedAt = new Map(
      endpoints.map((e) => [e.address, (lastIn.get(e.address) ?? 0) + 3600]),
    )
    const held = endpoints.filter((_, i) => i % 2 === 0)
    const findings = {
      participant: 'late',
      flagged: endpoints.map((e) => ({
        chain: 'bitcoin',
        address: e.address,
        time: flaggedAt.get(e.address),
      })),
      holds: held.map((e) => ({
        chain: 'bitcoin',
        address: e.address,
        amount: e.amount,
        time: flaggedAt.get(e.address),
      })),
    }
    const report = JSON.parse(await score('partial', findings))

    expect(report.addresses.all).toMatchObject({
      named: endpoints.length,
      truePositives: endpoints.length,
      precision: 1,
      thief: { found: 0, recall: 0 },
      endpoints: { found: endpoints.length, recall: 1 },
    })
    // Only steps into an endpoint are detected, each when its endpoint was flagged.
    const expected: Row[] = groups().map(({ chain, technique, steps }) => {
      const delays = steps
        .filter((s) => flaggedAt.has(s.to))
        .map((s) => Math.max(0, (flaggedAt.get(s.to) ?? 0) - s.time))
      return {
        chain,
        technique,
        steps: steps.length,
        detected: delays.length,
        undetected: steps.length - delays.length,
        medianDelay: rank(delays, 50),
        p90Delay: rank(delays, 90),
      }
    })
    expect(report.detection.byTechnique).toEqual(expected)
    expect(expected.find((r) => r.technique === 'peel')?.detected).toBeGreaterThan(0)
    const first = Math.min(...flaggedAt.values())
    expect(report.detection.firstDetectionDelay).toBe(first - theftTime)

    const total = sum(endpoints.map((e) => BigInt(e.amount)))
    const frozen = sum(held.map((e) => BigInt(e.amount)))
    expect(report.value.byAsset).toEqual([
      expect.objectContaining({
        endpoints: endpoints.length,
        endpointsHeld: held.length,
        endpointTotal: `${total}`,
        frozen: `${frozen}`,
        escaped: `${total - frozen}`,
      }),
    ])
    const holdDelays = held.map(
      (e) => (flaggedAt.get(e.address) ?? 0) - (firstIn.get(e.address) ?? 0),
    )
    expect(report.value.holdDelay).toEqual({
      endpoints: held.length,
      median: rank(holdDelays, 50),
      p90: rank(holdDelays, 90),
    })

    const table = await score('partial', findings, false)
    const peel = expected.find((r) => r.technique === 'peel')
    expect(table).toMatch(
      new RegExp(
        `bitcoin\\s+peel\\s+${peel?.steps}\\s+${peel?.detected}\\s+${peel?.undetected}\\s`,
      ),
    )
    expect(table).toMatch(
      new RegExp(
        `bitcoin\\s+BTC\\s+${endpoints.length}\\s+${held.length}\\s+${btc(total)}\\s+${btc(frozen)}\\s+${btc(total - frozen)}`,
      ),
    )
    expect(table).toContain(`reached ${total}, frozen ${frozen}, escaped ${total - frozen}`)
  }, 60_000)

  test('false positives from the background traffic and service addresses', async () => {
    const involved = new Set([
      ...Object.values(truth.thiefAddresses).flat(),
      ...truth.endpoints.map((e) => e.address),
      ...truth.organisations.flatMap((o) => o.addresses),
    ])
    const lines = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .slice(0, 5000)
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l))
    const truthTxs = new Set(truth.steps.map((s) => s.txHash))
    const benignTxs = lines('ethereum/transactions.json').filter((t) => !truthTxs.has(t.hash))
    const benign = [...new Set(benignTxs.map((t) => t.from_address as string))]
      .filter((a) => !involved.has(a))
      .slice(0, 20)
    const benignBtc = lines('bitcoin/transactions.json')
      .flatMap((t) => t.outputs.flatMap((o: { addresses: string[] }) => o.addresses))
      .find((a: string) => !involved.has(a))
    const exchanges = truth.organisations.filter((o) => o.kind === 'exchange').slice(0, 3)
    const service = exchanges.map((o) => o.addresses[0] ?? '')
    const thief = (truth.thiefAddresses.ethereum ?? []).slice(0, 10)
    expect(benign).toHaveLength(20)
    const at = theftTime + 60
    const theftTx = truth.steps.find((s) => s.technique === 'theft')?.txHash
    const findings = {
      participant: 'noisy',
      flagged: [...benign, benign[0] ?? '', ...service, ...thief].map((a) => ({
        chain: 'ethereum',
        address: `0x${a.slice(2).toUpperCase()}`,
        time: at,
      })),
      alerts: [
        { chain: 'ethereum', txHash: theftTx, time: at },
        { chain: 'ethereum', txHash: benignTxs[0]?.hash, time: at },
      ],
      holds: [{ chain: 'bitcoin', address: benignBtc, amount: '12345', time: at }],
    }
    const report = JSON.parse(await score('noisy', findings))
    const named = benign.length + service.length + thief.length + 1
    expect(report.addresses.all).toMatchObject({
      named,
      truePositives: thief.length,
      falsePositives: named - thief.length,
      precision: Math.round((thief.length / named) * 10_000) / 10_000,
    })
    expect(report.addresses.serviceAddressesNamed).toBe(3)
    expect(
      report.addresses.falsePositives.filter(
        (f: { organisation: string | null }) => f.organisation,
      ),
    ).toEqual(
      expect.arrayContaining(
        exchanges.map((o) => expect.objectContaining({ organisation: o.name, kind: 'exchange' })),
      ),
    )
    expect(report.alerts).toEqual({ total: 2, onTruth: 1, false: 1, precision: 0.5 })
    expect(report.value.wrongful).toEqual({
      count: 1,
      amounts: [{ chain: 'bitcoin', asset: 'native', amount: '12345', coins: '0.00012345' }],
    })
    expect(report.value.byAsset[0].frozen).toBe('0')
    const table = await score('noisy', findings, false)
    expect(table).toContain(
      `False positives: ${named - thief.length} (3 service addresses, ${named - thief.length - 3} others)`,
    )
    expect(table).toContain('Wrongful holds (addresses not involved): 1, 0.00012345 BTC')
  }, 60_000)

  test('bad findings name the field; a missing file is unreadable', async () => {
    const file = join(work, 'bad.json')
    writeFileSync(file, JSON.stringify({ flagged: [{ chain: 'bitcoin', address: 'x', time: -1 }] }))
    const run = await runCaptured([
      '--json',
      'sim',
      'score',
      '--truth',
      truthPath,
      '--findings',
      file,
    ])
    expect(run.code).toBe(2)
    const { error } = JSON.parse(run.stderr)
    expect(error.code).toBe('input.invalid')
    expect(error.meta.issues).toEqual([
      'flagged.0.time: must be whole unix seconds',
      'flagged.0.address: "x" is not a valid bitcoin address',
    ])
    const missing = await runCaptured([
      'sim',
      'score',
      '--truth',
      truthPath,
      '--findings',
      join(work, 'none.json'),
    ])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('Cannot read the findings file.')
  }, 60_000)
})
