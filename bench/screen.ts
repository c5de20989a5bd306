/**
 * Screening: (1) in-process direct checks/s on one core against the loaded labels (29,945
 * etherscan labels + OFAC SDN + FBI PSA 250226); (2) `POST /v1/screen` requests/s and latency
 * next to a bare hello-world route of the same server, same run; (3) p50/p99 of 2- and 3-hop
 * exposure on a SQLite store of 1,000,000 transfers.
 *
 * npm run bench -- screen
 */
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { normalizeAddress } from '../src/chain/index.js'
import { importFiles } from '../src/ingest/index.js'
import {
  createDesignationIndex,
  type ListEntry,
  loadList,
  screenAddresses,
} from '../src/screening/index.js'
import { createServer } from '../src/server/index.js'
import { openSqliteStore } from '../src/store/index.js'
import { writeSyntheticTransfers } from '../test/syntheticTransfers.js'

const shared = (path: string) => resolve(import.meta.dirname, '../../shared/data', path)
const dir = join(import.meta.dirname, '../.bench')
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN

// A store with 1 M transfers (the import bench's file) and the lists.
const csv = join(dir, 'token_transfers_1000000.csv')
try {
  readFileSync(csv, { flag: 'r' }).subarray(0, 1)
} catch {
  await writeSyntheticTransfers(csv, 1_000_000)
}
const dbPath = join(dir, 'screen.db')
for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
const store = await openSqliteStore({ path: dbPath })
console.log('loading 1,000,000 transfers and the lists…')
await importFiles({ store }, { paths: [csv] })

const etherscan = JSON.parse(
  readFileSync(shared('etherscan-labels/etherscan_combinedAllLabels.json'), 'utf8'),
) as Record<string, { name: string; labels: string[] }>
const exchangeWords = /binance|coinbase|kraken|okx|huobi|kucoin|bybit|bitfinex|exchange/i
const entries: ListEntry[] = Object.entries(etherscan).map(([address, { name, labels }]) => ({
  chain: 'ethereum',
  address: normalizeAddress('ethereum', address),
  asset: null,
  category: exchangeWords.test(`${name} ${labels.join(' ')}`) ? 'exchange' : 'other',
  entity: name === '' ? null : name,
  entityId: null,
  programmes: [],
  confidence: 70,
  label: labels.join(', '),
}))
await store.replaceList({
  list: 'etherscan-labels',
  kind: 'address-list',
  source: 'etherscan_combinedAllLabels.json',
  publishedAt: '2023-06-18',
  sha256: '',
  loadedAt: new Date().toISOString(),
  entries,
})
await loadList(
  { store },
  {
    kind: 'ofac-sdn-csv',
    from: shared('ofac-official/sdn.csv'),
    companions: { comments: shared('ofac-official/watchman/sdn_comments_2025-02.csv') },
  },
)
await loadList(
  { store },
  {
    kind: 'address-list',
    from: shared('lazarus/fbi_psa250226_bybit_51.txt'),
    name: 'fbi',
    category: 'stolen-funds',
  },
)
// 500 of the synthetic addresses are sanctioned, so exposure searches find something.
const synthetic = (n: number) => `0x${n.toString(16).padStart(8, '0')}${'ab'.repeat(16)}`
await store.replaceList({
  list: 'bench-flagged',
  kind: 'address-list',
  source: 'bench',
  publishedAt: null,
  sha256: '',
  loadedAt: new Date().toISOString(),
  entries: Array.from({ length: 500 }, (_, i) => ({
    chain: 'ethereum' as const,
    address: synthetic(i * 100),
    asset: null,
    category: 'sanctioned' as const,
    entity: `bench ${i}`,
    entityId: null,
    programmes: [],
    confidence: 100,
    label: null,
  })),
})

// (1) Direct checks in process.
const index = createDesignationIndex(await store.activeDesignations())
const probes = [
  ...Object.keys(etherscan).slice(0, 50_000),
  ...Array.from({ length: 50_000 }, (_, i) => synthetic(60_000 + i)),
]
let hits = 0
let started = performance.now()
const rounds = 20
for (let r = 0; r < rounds; r++)
  for (const p of probes) hits += index.lookup(p.toLowerCase()).length > 0 ? 1 : 0
const lookupRate = (probes.length * rounds) / ((performance.now() - started) / 1000)
started = performance.now()
for (const p of probes) hits += index.lookup(normalizeAddress('ethereum', p)).length > 0 ? 1 : 0
const normalizedRate = probes.length / ((performance.now() - started) / 1000)
console.log(`\n(1) direct checks, one core, ${fmt(index.size)} labelled addresses loaded`)
console.log(
  `    lookup of lowercase addresses:          ${fmt(lookupRate)} checks/s (target >= 1,000,000)`,
)
console.log(
  `    with codec normalisation (EIP-55 etc.): ${fmt(normalizedRate)} checks/s (${hits > 0 ? 'hits found' : 'no hits'})`,
)

// (2) HTTP: POST /v1/screen vs a hello-world route on the same server.
const app = createServer({ store, version: 'bench', log: () => undefined })
app.get('/hello', (c) => c.text('hello'))
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((r) => server.once('listening', r))
const address = server.address()
const port = typeof address === 'object' && address !== null ? address.port : 0
async function load(name: string, request: () => Promise<Response>, seconds = 5, concurrency = 16) {
  const latencies: number[] = []
  const end = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now()
        const res = await request()
        await res.arrayBuffer()
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`)
        latencies.push(performance.now() - t)
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  console.log(
    `    ${name.padEnd(40)} ${fmt(latencies.length / seconds)} req/s, p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  )
}
const post = (body: unknown) => () =>
  fetch(`http://127.0.0.1:${port}/v1/screen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
console.log('\n(2) HTTP, 16 concurrent clients in the same process, 5 s each')
await load('GET /hello (bare route)', () => fetch(`http://127.0.0.1:${port}/hello`))
let next = 0
await load('POST /v1/screen, 1 address, hops 0', () =>
  post({ addresses: [probes[next++ % probes.length]], hops: 0 })(),
)
await load('POST /v1/screen, 1 address, hops 2', () =>
  post({ addresses: [synthetic(next++ % 50_000)], hops: 2 })(),
)
server.close()

// (3) Exposure latency on the 1 M-transfer store.
console.log(
  '\n(3) exposure search on 1,000,000 transfers (50,000 addresses), one address at a time',
)
for (const hops of [2, 3]) {
  const times: number[] = []
  let exposures = 0
  for (let i = 0; i < 100; i++) {
    const t = performance.now()
    const [result] = await screenAddresses({ store }, { addresses: [synthetic(7 + i * 37)], hops })
    times.push(performance.now() - t)
    if (result && 'exposures' in result) exposures += result.exposures.length
  }
  times.sort((a, b) => a - b)
  console.log(
    `    ${hops} hops: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (${exposures} exposures found over 100 addresses)`,
  )
}
await store.close()
