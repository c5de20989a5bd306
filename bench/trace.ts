/**
 * Tracing engine throughput: a haircut trace from 100 seed addresses over N generated
 * account-model transfers among M addresses, in memory (no store), one core.
 *
 * npm run bench -- trace [TRANSFERS] [ADDRESSES]     (default 10,000,000 and 1,000,000)
 *
 * Two runs: (1) fresh event objects per transfer, as a store reader would yield them; (2) one
 * reused event object, which isolates the engine's own cost. The engine's state is measured
 * after a forced GC at the end of the event stream (while the state is alive), less the heap
 * before the run; divided by the transfer count it gives bytes of trace state per transfer.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { TransferEvent } from '../src/tracing/index.js'
import { traceForward } from '../src/tracing/index.js'

setFlagsFromString('--expose-gc')
const gcValue: unknown = runInNewContext('gc')
const gc = typeof gcValue === 'function' ? () => gcValue() : () => undefined

const transfers = Number.parseInt(process.argv[3] ?? '10000000', 10)
const addressCount = Number.parseInt(process.argv[4] ?? '1000000', 10)
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`

// Deterministic inputs: xorshift32, address strings, a table of amounts.
let seed = 0x9e3779b9
function next(): number {
  seed ^= seed << 13
  seed ^= seed >>> 17
  seed ^= seed << 5
  return seed >>> 0
}
const addresses = Array.from(
  { length: addressCount },
  (_, i) => `0x${i.toString(16).padStart(40, '0')}`,
)
// Up to 0.1 ETH in wei (mean 0.05): balances stay in the engine's 64-bit fast path.
const amounts = Array.from(
  { length: 4096 },
  () => BigInt(next()) * BigInt(1 + (next() % 25_000_000)),
)
const seeds = Array.from({ length: 100 }, (_, i) => ({
  kind: 'address' as const,
  chain: 'ethereum' as const,
  address: addresses[(i * 9973) % addressCount] ?? '',
  sinceBlock: 0,
}))

type Sample = { heapBefore: number; heapState: number; rssPeak: number }

/** Yields the transfers; samples RSS as it goes and the heap (after GC) at the end. */
function* generate(reuse: boolean, sample: Sample): Generator<TransferEvent> {
  seed = 0x12345678
  const shared = {
    kind: 'transfer' as const,
    chain: 'ethereum' as const,
    txHash: '0xbench',
    blockHeight: 0,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from: '' as string | null,
    to: '' as string | null,
    amount: 0n,
  }
  for (let i = 0; i < transfers; i++) {
    const from = addresses[next() % addressCount] ?? null
    const to = addresses[next() % addressCount] ?? null
    const amount = amounts[next() & 4095] ?? 1n
    const blockHeight = Math.floor(i / 100)
    if (reuse) {
      shared.from = from
      shared.to = to
      shared.amount = amount
      shared.blockHeight = blockHeight
      shared.txIndex = i % 100
      yield shared
    } else {
      yield { ...shared, from, to, amount, blockHeight, txIndex: i % 100 }
    }
    if ((i & 0xfffff) === 0) sample.rssPeak = Math.max(sample.rssPeak, process.memoryUsage().rss)
  }
  gc()
  const usage = process.memoryUsage()
  sample.heapState = usage.heapUsed
  sample.rssPeak = Math.max(sample.rssPeak, usage.rss)
}

function run(reuse: boolean): void {
  gc()
  const before = process.memoryUsage()
  const sample: Sample = { heapBefore: before.heapUsed, heapState: 0, rssPeak: before.rss }
  const started = performance.now()
  const result = traceForward({
    events: generate(reuse, sample),
    seeds,
    policy: 'haircut',
    collectTransfers: false,
  })
  const seconds = (performance.now() - started) / 1000
  const after = process.memoryUsage()
  const state = sample.heapState - sample.heapBefore
  console.log(`${reuse ? 'reused event object' : 'fresh event objects'}:`)
  console.log(
    `  ${fmt(result.eventsApplied)} transfers in ${seconds.toFixed(2)} s: ${fmt(result.eventsApplied / seconds)} events/s`,
  )
  console.log(
    `  tainted holders: ${fmt(result.holdings.length)}, held ${result.totals.held}, seeded ${result.totals.seeded}`,
  )
  console.log(`  rss before ${mb(before.rss)}, peak ${mb(sample.rssPeak)}, after ${mb(after.rss)}`)
  console.log(
    `  heapUsed before ${mb(before.heapUsed)}, with engine state ${mb(sample.heapState)}, after ${mb(after.heapUsed)}`,
  )
  console.log(
    `  engine state: ${mb(state)} = ${(state / transfers).toFixed(1)} bytes per transfer, ${(state / addressCount).toFixed(0)} bytes per address`,
  )
}

console.log(
  `haircut trace: ${fmt(transfers)} transfers among ${fmt(addressCount)} addresses, 100 seeds`,
)
run(false)
run(true)
