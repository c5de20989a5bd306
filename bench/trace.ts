/**
 * Tracing throughput: a haircut trace from 100 seed addresses over N generated account-model
 * transfers among M addresses, through the trace index and its WebAssembly kernel, one core.
 *
 * npm run bench -- trace [TRANSFERS] [ADDRESSES] [SLICE] [wide]
 *   defaults 10,000,000 transfers, 1,000,000 addresses; the general engine runs on the first
 *   SLICE transfers (default 1,000,000) for comparison. `wide`: amounts up to ~1,000 ETH, so
 *   balances and products pass 2^64 (the kernel's 128-bit path) instead of up to 0.1 ETH.
 *
 * Stages: (1) generating the events alone (fresh objects and strings per transfer, as a store
 * reader yields them), (2) building the index from them, (3) the trace, five times (best and
 * median: the machine may be shared), (4) the general engine and the kernel on the slice, with
 * their results compared. Index bytes: its typed columns and WebAssembly rows (exact) plus the
 * JS heap it keeps (address strings, maps), measured after a forced GC.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { TraceResult, TransferEvent } from '../src/tracing/index.js'
import {
  buildTraceIndex,
  canonicalJson,
  runTraceIndex,
  traceForward,
  traceIndexBytes,
} from '../src/tracing/index.js'

setFlagsFromString('--expose-gc')
const gcValue: unknown = runInNewContext('gc')
const gc = typeof gcValue === 'function' ? () => gcValue() : () => undefined

const transfers = Number.parseInt(process.argv[3] ?? '10000000', 10)
const addressCount = Number.parseInt(process.argv[4] ?? '1000000', 10)
const slice = Math.min(transfers, Number.parseInt(process.argv[5] ?? '1000000', 10))
const wide = process.argv[6] === 'wide'
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const peakRss = () => process.resourceUsage().maxRSS * 1024

// Deterministic inputs: xorshift32 and a table of amounts.
let state = 0
function next(): number {
  state ^= state << 13
  state ^= state >>> 17
  state ^= state << 5
  return state >>> 0
}
state = 0x9e3779b9
// Up to 0.1 ETH in wei (balances stay below 2^64), or with `wide` up to ~1,000 ETH (above 2^64).
const amounts = Array.from({ length: 4096 }, () => {
  const wei = BigInt(next()) * BigInt(1 + (next() % 25_000_000))
  return wide ? wei * BigInt(1 + (next() % 10_000)) : wei
})
const address = (id: number) => `0x${id.toString(16).padStart(40, '0')}`
// Strings as a database driver returns them: a new flat string per value, decoded from bytes
// (not the rope a template literal builds, nor a shared string).
const addressBuffer = Buffer.from(
  Array.from({ length: addressCount }, (_, id) => address(id)).join(''),
  'latin1',
)
const freshAddress = (id: number) => addressBuffer.toString('latin1', id * 42, id * 42 + 42)
const hashBytes = Buffer.from(`0x${'0'.repeat(64)}`, 'latin1')
function freshHash(tx: number): string {
  const hex = tx.toString(16)
  hashBytes.write(hex, 66 - hex.length, 'latin1')
  return hashBytes.toString('latin1')
}
// 1,000 stop addresses, looked up as traceStore does (a set of designated addresses).
const stopSet = new Set(
  Array.from({ length: 1000 }, (_, i) => address((i * 997 + 1) % addressCount)),
)
const isStop = (_chain: string, a: string) => stopSet.has(a)
const seeds = Array.from({ length: 100 }, (_, i) => ({
  kind: 'address' as const,
  chain: 'ethereum' as const,
  address: address((i * 9973) % addressCount),
  sinceBlock: 0,
}))

/**
 * Fresh transfer objects in chain order: 1 to 3 transfers per transaction (positions a, b0, b1),
 * 100 transfers per block, addresses and hashes as new strings each time (as rows from a store).
 */
function* generate(count: number): Generator<TransferEvent> {
  state = 0x12345678
  let tx = 0
  let inTx = 0
  let perTx = 1
  for (let i = 0; i < count; i++) {
    if (inTx === perTx) {
      tx++
      inTx = 0
      perTx = 1 + (next() % 4 === 0 ? 1 + (next() & 1) : 0)
    }
    yield {
      kind: 'transfer',
      chain: 'ethereum',
      txHash: freshHash(tx),
      blockHeight: Math.floor(i / 100),
      txIndex: tx % 1000,
      position: inTx === 0 ? 'a' : `b${inTx - 1}`,
      asset: 'native',
      from: freshAddress(next() % addressCount),
      to: freshAddress(next() % addressCount),
      amount: amounts[next() & 4095] ?? 1n,
    }
    inTx++
  }
}

function sameResult(a: TraceResult, b: TraceResult): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

console.log(
  `haircut trace: ${fmt(transfers)} transfers among ${fmt(addressCount)} addresses, 100 address seeds, 1,000 stops${wide ? ', wide amounts' : ''}`,
)

// (1) Generation alone, to separate it from the index build.
let started = performance.now()
let generated = 0
for (const _ of generate(transfers)) generated++
const generation = performance.now() - started
console.log(
  `generating events alone: ${seconds(generation)} (${fmt(generated / (generation / 1000))} events/s)`,
)

// (2) The index.
gc()
const before = process.memoryUsage()
started = performance.now()
const index = buildTraceIndex(generate(transfers))
const building = performance.now() - started
gc()
const after = process.memoryUsage()
const bytes = traceIndexBytes(index)
const heapKept = after.heapUsed - before.heapUsed
const indexBytes = bytes.total + heapKept
const buildOnly = building - generation
console.log(
  `index build: ${seconds(building)} with generation, ~${seconds(buildOnly)} without: ${fmt(transfers / (buildOnly / 1000))} rows/s`,
)
console.log(
  `  ${fmt(index.transfers)} transfers, ${fmt(index.txHashes.length / 32)} transactions, ${fmt(index.holderAddress.length)} holders`,
)
console.log(
  `  columns ${mb(bytes.total)} (rows ${mb(bytes.rows)}, transactions ${mb(bytes.transactions)}, tx/position ids ${mb(bytes.rowColumns)}, holder ids ${mb(bytes.holders)}) + JS heap kept ${mb(heapKept)}`,
)
console.log(
  `  index: ${(indexBytes / transfers).toFixed(1)} bytes per transfer (columns ${(bytes.total / transfers).toFixed(1)}, heap ${(heapKept / transfers).toFixed(1)})`,
)
console.log(`  peak RSS so far ${mb(peakRss())}`)

// (3) The trace, five times: the first includes instantiating the kernel and V8's switch to
// optimised WebAssembly; the best and the median show how much other load on the machine moved it.
const totals: number[] = []
const kernels: number[] = []
let last: ReturnType<typeof runTraceIndex> | undefined
for (let run = 1; run <= 5; run++) {
  gc()
  started = performance.now()
  const traced = runTraceIndex(index, { seeds, isStop, policy: 'haircut', collectTransfers: false })
  const total = performance.now() - started
  const { prepare, kernel, result } = traced.timings
  totals.push(total)
  kernels.push(kernel)
  last = traced
  console.log(
    `trace ${run} (${traced.engine}${traced.fallback === null ? '' : `: ${traced.fallback}`}): ${seconds(total)}, ${fmt(transfers / (total / 1000))} events/s; prepare ${fmt(prepare)} ms, kernel ${fmt(kernel)} ms (${fmt(transfers / (kernel / 1000))} events/s), result ${fmt(result)} ms`,
  )
}
const best = (xs: number[]) => Math.min(...xs)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0
console.log(
  `trace: best ${fmt(transfers / (best(totals) / 1000))} events/s, median ${fmt(transfers / (median(totals) / 1000))} events/s (kernel alone: best ${fmt(transfers / (best(kernels) / 1000))}, median ${fmt(transfers / (median(kernels) / 1000))})`,
)
if (last !== undefined) {
  const r = last.result
  const state = last.stateBytes ?? 0
  console.log(
    `  tainted holders ${fmt(r.holdings.length)}, stops reached ${fmt(r.endpoints.length)}; seeded ${r.totals.seeded} = held ${r.totals.held} + stops ${r.totals.stops}: ${r.totals.seeded === r.totals.held + r.totals.stops}`,
  )
  console.log(
    `  engine state ${mb(state)} = ${(state / transfers).toFixed(1)} bytes per transfer, ${(state / index.holderAddress.length).toFixed(0)} per holder`,
  )
}
// Without stops: the kernel then never calls back into JS (it asks isStop once per holder that
// taint reaches, as the general engine asks on arrival).
const bare: number[] = []
for (let run = 1; run <= 3; run++) {
  gc()
  started = performance.now()
  runTraceIndex(index, { seeds, policy: 'haircut', collectTransfers: false })
  bare.push(performance.now() - started)
}
console.log(
  `trace without stops: best ${fmt(transfers / (best(bare) / 1000))} events/s, median ${fmt(transfers / (median(bare) / 1000))} events/s`,
)
console.log(`  peak RSS so far ${mb(peakRss())}`)

// (4) The general engine on a slice, against the kernel on an index of the same slice.
const events = [...generate(slice)]
const small = buildTraceIndex(events)
for (const collectTransfers of [false, true]) {
  const parameters = { seeds, isStop, policy: 'haircut' as const, collectTransfers }
  gc()
  started = performance.now()
  const general = traceForward({ ...parameters, events })
  const generalMs = performance.now() - started
  runTraceIndex(small, parameters)
  gc()
  started = performance.now()
  const fast = runTraceIndex(small, parameters)
  const fastMs = performance.now() - started
  console.log(
    `slice of ${fmt(slice)}${collectTransfers ? `, listing ${fmt(general.transfers.length)} tainted transfers` : ''}: general engine ${fmt(slice / (generalMs / 1000))} events/s, index ${fmt(slice / (fastMs / 1000))} events/s (${fast.engine}): ${(generalMs / fastMs).toFixed(1)}× faster, same result: ${sameResult(general, fast.result)}`,
  )
}
console.log(`peak RSS ${mb(peakRss())}`)
