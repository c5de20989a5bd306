/**
 * Monitoring decision throughput and latency on a realistic store: bybit-2025 (seed 1) generated
 * into .bench/monitor, imported, its designations loaded as a list; then a stream of bitcoin
 * deposit events (truth's laundering deposits into exchanges, plus benign deposits, many
 * accounts) is decided
 *   (a) embedded: createMonitor over SQLite, one event per call as the HTTP intake decides,
 *       with 1 and with C requests in flight;
 *   (b) NATS + PostgreSQL: 2 `chainwatch monitor worker` processes on a fresh PostgreSQL schema
 *       and a unique stream; events published with per-event reply subjects, W in flight;
 *       latency = publish → reply.
 * Each mode decides fresh events (no duplicates). Prints events/s and p50/p99 latency.
 *
 * npm run bench -- monitor [EVENTS] [SCALE] [MODES]   (defaults 1500, 0.5, embedded,nats)
 * BENCH_PHASES=1 prints embedded time per store read; BENCH_EVIDENCE_TTL_MS=0 (embedded) decides
 * without the evidence cache, as before it existed.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { jetstreamManager } from '@nats-io/jetstream'
import { createInbox } from '@nats-io/transport-node'
import pg from 'pg'
import { importFiles } from '../src/ingest/index.js'
import {
  createMonitor,
  defaultRulePackDir,
  loadRulePackOrThrow,
  openNatsIntake,
  parseMonitorRequest,
} from '../src/monitoring/index.js'
import { generateScenario, scenarioDesignations, setupScenario } from '../src/sim/index.js'
import { openStore, type Store } from '../src/store/index.js'

const eventCount = Number.parseInt(process.argv[3] ?? '1500', 10)
const scale = Number(process.argv[4] ?? '0.5')
const modes = (process.argv[5] ?? 'embedded,nats').split(',')
const IN_FLIGHT = 16
const postgresUrl = process.env.CHAINWATCH_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test'
const root = join(import.meta.dirname, '../.bench/monitor')
const parameters = { scenario: 'bybit-2025', seed: 1, scale, benignShare: 0.5 } as const

type Wire = Record<string, string | number>
type Step = { chain: string; txHash: string; outputIndex: number | null; from: string | null }
type StepFull = Step & { to: string; amount: string; time: number }
type Truth = {
  steps: StepFull[]
  endpoints: { address: string; organisation: string; kind: string }[]
}
type BtcTx = {
  hash: string
  is_coinbase: boolean
  block_timestamp: number
  inputs: { addresses: string[] }[]
  outputs: { index: number; addresses: string[]; value: number }[]
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')

/** Laundering deposits into exchanges and benign deposits, interleaved, `count` in all. */
function eventsOf(dir: string, venues: Set<string>, count: number): Wire[] {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth
  const exchanges = new Map(
    truth.endpoints.filter((e) => e.kind === 'exchange').map((e) => [e.address, e.organisation]),
  )
  const laundering = truth.steps
    .filter((s) => s.chain === 'bitcoin' && exchanges.has(s.to) && s.from !== null)
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
  const launderingTxs = new Set(truth.steps.map((s) => s.txHash))
  const benign = readFileSync(join(dir, 'bitcoin', 'transactions.json'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"transaction"'))
    .map((line) => JSON.parse(line) as BtcTx)
    .filter((tx) => !tx.is_coinbase && !launderingTxs.has(tx.hash))
    .filter((tx) => !tx.outputs.some((o) => o.addresses.some((a) => venues.has(a))))
    .flatMap((tx) => {
      const output = tx.outputs[0]
      const counterparty = tx.inputs[0]?.addresses[0]
      const own = output?.addresses[0]
      if (output === undefined || counterparty === undefined || own === undefined) return []
      if (output.value <= 0) return []
      return [
        {
          org: 'exchange-benign',
          account: `customer-${own.slice(-10)}`,
          direction: 'deposit',
          chain: 'bitcoin',
          txHash: tx.hash,
          index: output.index,
          counterparty,
          ownAddress: own,
          amount: String(output.value),
          time: tx.block_timestamp,
        },
      ]
    })
  const half = Math.floor(count / 2)
  const picked = [
    ...laundering.slice(0, half),
    ...benign.slice(0, count - Math.min(half, laundering.length)),
  ]
  // Interleave so both kinds are spread over the run.
  return picked.sort((a, b) => (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0))
}

async function seed(store: Store, dir: string): Promise<void> {
  await importFiles(
    { store },
    { paths: [join(dir, 'ethereum'), join(dir, 'bitcoin')], strict: true },
  )
  await store.replaceList({
    list: 'scenario',
    kind: 'address-list',
    source: 'bench monitor bybit-2025 seed 1',
    publishedAt: null,
    sha256: '',
    loadedAt: '2025-02-21T00:00:00.000Z',
    entries: scenarioDesignations(setupScenario(parameters)),
  })
}

type Figures = {
  events: number
  seconds: number
  latencies: number[]
  decisions: Map<string, number>
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

function row(label: string, f: Figures): string {
  const sorted = [...f.latencies].sort((a, b) => a - b)
  const decisions = [...f.decisions].map(([d, n]) => `${d} ${n}`).join(', ')
  return [
    label.padEnd(34),
    `${f.events}`.padStart(6),
    `${Math.round(f.events / f.seconds)}`.padStart(9),
    quantile(sorted, 0.5).toFixed(2).padStart(9),
    quantile(sorted, 0.99).toFixed(2).padStart(9),
    `  ${decisions}`,
  ].join(' ')
}

/** Keeps `inFlight` calls of `run` going over `items`; per-item latency in ms. */
async function drive(
  items: readonly Wire[],
  inFlight: number,
  run: (item: Wire) => Promise<string>,
): Promise<Figures> {
  const latencies: number[] = []
  const decisions = new Map<string, number>()
  let next = 0
  const started = performance.now()
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as Wire
      const t = performance.now()
      const decision = await run(item)
      latencies.push(performance.now() - t)
      decisions.set(decision, (decisions.get(decision) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  return {
    events: items.length,
    seconds: (performance.now() - started) / 1000,
    latencies,
    decisions,
  }
}

async function embedded(dir: string, events: readonly Wire[]): Promise<string[]> {
  const store = await openStore(`sqlite:${join(root, 'chainwatch.db')}`)
  try {
    const t = performance.now()
    await seed(store, dir)
    console.log(`embedded: SQLite store seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const ruleSet = loadRulePackOrThrow(defaultRulePackDir)
    const spent = new Map<string, [number, number]>()
    const timed =
      process.env.BENCH_PHASES === '1'
        ? (new Proxy(store, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver)
              if (typeof value !== 'function') return value
              return async (...args: unknown[]) => {
                const t = performance.now()
                try {
                  return await value.apply(target, args)
                } finally {
                  const [ms, n] = spent.get(String(key)) ?? [0, 0]
                  spent.set(String(key), [ms + performance.now() - t, n + 1])
                }
              }
            },
          }) as Store)
        : store
    const ttl = process.env.BENCH_EVIDENCE_TTL_MS
    const monitor = createMonitor({
      store: timed,
      rules: () => ruleSet,
      ...(ttl === undefined ? {} : { evidenceTtlMs: Number(ttl) }),
    })
    const decide = async (wire: Wire) => {
      const [decided] = await monitor.decide(parseMonitorRequest(wire))
      return decided?.verdict.decision ?? 'none'
    }
    const half = Math.floor(events.length / 2)
    const first = await drive(events.slice(0, half), 1, decide)
    for (const [key, [ms, n]] of spent)
      console.log(`  ${key}: ${n} calls, ${(ms / half).toFixed(2)} ms/event`)
    return [
      row('embedded SQLite, 1 in flight', first),
      row(
        `embedded SQLite, ${IN_FLIGHT} in flight`,
        await drive(events.slice(half), IN_FLIGHT, decide),
      ),
    ]
  } finally {
    await store.close()
  }
}

async function natsPostgres(dir: string, events: readonly Wire[]): Promise<string[]> {
  const schema = `cw_bench_${process.pid}_${Date.now().toString(36)}`
  const url = `${postgresUrl}?schema=${schema}`
  const id = `BENCH_${process.pid}_${Date.now().toString(36)}`
  const natsOptions = {
    servers: 'nats://127.0.0.1:4222',
    stream: id,
    subjectPrefix: `bench.${id}`,
    durable: id,
  }
  const workers: ChildProcess[] = []
  const store = await openStore(url)
  try {
    const t = performance.now()
    await seed(store, dir)
    console.log(`nats: PostgreSQL store seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const intake = await openNatsIntake(natsOptions)
    for (let i = 0; i < 2; i++) {
      const worker = spawn(
        process.execPath,
        [
          ...['--import', 'tsx', join(import.meta.dirname, '../src/cli/main.ts')],
          ...['--database', url, 'monitor', 'worker', '--stream', id],
          ...['--subject-prefix', `bench.${id}`, '--durable', id],
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      )
      workers.push(worker)
      await new Promise<void>((resolve, reject) => {
        worker.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('consuming')) resolve()
        })
        worker.once('exit', (code) => reject(new Error(`worker exited ${code}`)))
      })
    }
    const inbox = createInbox()
    const waiting = new Map<string, (decision: string) => void>()
    intake.connection.subscribe(`${inbox}.>`, {
      callback: (_error, message) => {
        const body = message.json<{ decision?: string; error?: { code: string } }>()
        waiting.get(message.subject)?.(body.decision ?? `error ${body.error?.code}`)
        waiting.delete(message.subject)
      },
    })
    let n = 0
    const publish = (wire: Wire) =>
      new Promise<string>((resolve, reject) => {
        const replyTo = `${inbox}.${n++}`
        waiting.set(replyTo, resolve)
        const messageId = [wire.org, wire.chain, wire.txHash, wire.index].join(':')
        intake.publish(String(wire.org), wire, { replyTo, messageId }).catch(reject)
      })
    const half = Math.floor(events.length / 2)
    const rows = [
      row('NATS + PostgreSQL, 2 workers, 1', await drive(events.slice(0, half), 1, publish)),
      row(
        `NATS + PostgreSQL, 2 workers, ${IN_FLIGHT * 4}`,
        await drive(events.slice(half), IN_FLIGHT * 4, publish),
      ),
    ]
    await jetstreamManager(intake.connection)
      .then((jsm) => jsm.streams.delete(id))
      .catch(() => undefined)
    await intake.close()
    return rows
  } finally {
    for (const worker of workers) worker.kill('SIGTERM')
    await store.close()
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.end()
  }
}

rmSync(root, { recursive: true, force: true })
mkdirSync(root, { recursive: true })
const scenarioDir = join(root, 'scenario')
const generatedAt = performance.now()
const generated = await generateScenario({ ...parameters, out: scenarioDir, workers: 1 })
const venues = new Set(
  scenarioDesignations(setupScenario(parameters))
    .filter((d) => d.category === 'exchange')
    .map((d) => d.address),
)
const events = eventsOf(scenarioDir, venues, eventCount)
console.log(
  `bybit-2025 seed 1 scale ${scale}: ${generated.transfers.toLocaleString('en-US')} transfers ` +
    `generated in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s; ${events.length} deposit events per mode`,
)
const rows: string[] = []
if (modes.includes('embedded')) rows.push(...(await embedded(scenarioDir, events)))
if (modes.includes('nats')) rows.push(...(await natsPostgres(scenarioDir, events)))
console.log(
  `\n${'mode, requests in flight'.padEnd(34)} ${'events'.padStart(6)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}   decisions`,
)
for (const line of rows) console.log(line)
rmSync(root, { recursive: true, force: true })
