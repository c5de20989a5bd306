import { chains } from '../chain/index.js'
import type { TransferEvent } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { type TraceForwardParameters, traceForward } from './traceForward.js'
import type { TraceIndex } from './traceIndex.js'
import { exactAt } from './traceIndexColumns.js'
import { indexEvents, KernelReader, type Layout } from './traceIndexResult.js'
import { seededRows } from './traceIndexSeeds.js'
import {
  instantiateKernel,
  KERNEL_PAUSED,
  KERNEL_UNSUPPORTED,
  type TraceKernel,
} from './traceKernelWasm.js'

/** The parameters of `traceForward`, without the events (the index holds them). */
export type TraceIndexParameters = Omit<TraceForwardParameters, 'events'>

/** A trace over an index, with the engine that ran it. */
export type TraceIndexRun = {
  readonly result: TraceResult
  readonly engine: 'kernel' | 'general'
  /** Why the general engine ran instead of the kernel; null when the kernel ran. */
  readonly fallback: string | null
  /** Milliseconds: seeds and stops laid out, rows applied, result assembled. */
  readonly timings: { readonly prepare: number; readonly kernel: number; readonly result: number }
  /** Bytes of the kernel's per-trace state (holder records, seeds, record buffer); null for the general engine. */
  readonly stateBytes: number | null
}

/** Same result as `traceForward` over the index's transfers, through the WebAssembly kernel when it can. */
export function traceIndex(index: TraceIndex, parameters: TraceIndexParameters): TraceResult {
  return runTraceIndex(index, parameters).result
}

/** Per index: its kernel instance and the stop test of the trace running on it. */
const kernels = new WeakMap<
  TraceIndex,
  { kernel: TraceKernel | string; isStop: (holder: number) => number }
>()
const noStops: (holder: number) => number = () => 0
const POLICY_CODE = { haircut: 0, poison: 1 } as const
/** Rows per kernel call: V8 swaps in optimised WebAssembly code only between calls. */
const SLICE = 1 << 16
const RECORDS = 1 << 16
const U128 = 2n ** 128n

/** `traceIndex`, also saying which engine ran and why, and how long each stage took. */
export function runTraceIndex(index: TraceIndex, parameters: TraceIndexParameters): TraceIndexRun {
  const started = performance.now()
  const reason = unsupported(index, parameters)
  if (reason !== null) return general(index, parameters, reason, started)
  let instance = kernels.get(index)
  if (instance === undefined) {
    const entry = { kernel: '' as TraceKernel | string, isStop: noStops }
    entry.kernel = instantiateKernel(index.memory, (holder) => entry.isStop(holder))
    kernels.set(index, entry)
    instance = entry
  }
  const kernel = instance.kernel
  if (typeof kernel === 'string') return general(index, parameters, kernel, started)
  const policy = parameters.policy === 'poison' ? 'poison' : 'haircut'
  const fromBlock = parameters.window?.fromBlock ?? Number.NEGATIVE_INFINITY
  const toBlock = parameters.window?.toBlock ?? Number.POSITIVE_INFINITY
  const chain = index.chains[0]
  const endRow = firstRowAbove(index, toBlock)
  const activations: [number, number][] = []
  for (const seed of parameters.seeds) {
    if (seed.kind !== 'address' || seed.chain !== chain) continue
    const block = Math.max(seed.sinceBlock, fromBlock)
    if (block > toBlock) continue
    const row = firstRowAbove(index, block, true)
    index.groups.forEach((group, g) => {
      if (group.chain !== chain || (seed.asset !== undefined && seed.asset !== group.asset)) return
      const holder = index.holders.find(g, seed.address)
      if (holder >= 0) activations.push([row, holder])
    })
  }
  activations.sort((a, b) => a[0] - b[0])
  const seeds = seededRows(index, parameters.seeds, endRow, fromBlock)
  const holders = index.holderAddress.length
  const collect = parameters.collectTransfers ?? true
  let layout: Layout
  try {
    layout = lay(index, holders, activations.length, seeds.length, collect ? RECORDS : 0)
  } catch (error) {
    // WebAssembly memory ends at 4 GiB.
    return general(index, parameters, `no room for the kernel's state (${String(error)})`, started)
  }
  const words = new Int32Array(index.memory.buffer)
  words.fill(0, layout.hot >> 2, layout.end >> 2)
  // The kernel asks when taint first reaches a holder, as the general engine asks on arrival.
  const isStop = parameters.isStop
  instance.isStop =
    isStop === undefined || chain === undefined
      ? noStops
      : (holder) => (isStop(chain, index.holderAddress[holder] ?? '') === true ? 1 : 0)
  activations.forEach(([row, holder], i) => {
    words[(layout.acts >> 2) + 2 * i] = row
    words[(layout.acts >> 2) + 2 * i + 1] = holder
  })
  words.set(seeds, layout.seeds >> 2)
  const dust = parameters.dust ?? 0n
  const maxHops = parameters.maxHops ?? Number.POSITIVE_INFINITY
  kernel.start(
    index.rowsPtr,
    index.bigPtr,
    layout.hot,
    layout.cold,
    layout.acts,
    activations.length,
    layout.seeds,
    seeds.length,
    layout.out,
    layout.records,
    layout.totals,
    endRow,
    POLICY_CODE[policy],
    Math.min(maxHops, 2 ** 31 - 1),
    BigInt.asUintN(64, dust),
    dust >> 64n,
  )
  const prepared = performance.now()
  const reader = new KernelReader(index, layout, policy)
  let status = KERNEL_PAUSED
  while (status === KERNEL_PAUSED) {
    status = kernel.run(Math.min(kernel.position() + SLICE, endRow))
    if (collect) reader.readRecords(kernel.takeRecords())
  }
  if (status === KERNEL_UNSUPPORTED) {
    const why = kernel.failure() === 1 ? 'an amount below 0 or of 2^128 and more' : 'a sum of 2^128'
    return general(index, parameters, `the kernel cannot apply ${why}`, started)
  }
  const applied = performance.now()
  const result = reader.result(kernel, endRow)
  return {
    result,
    engine: 'kernel',
    fallback: null,
    stateBytes: layout.end - layout.hot,
    timings: {
      prepare: prepared - started,
      kernel: applied - prepared,
      result: performance.now() - applied,
    },
  }
}

/** The parameters and seed fields the kernel implements; anything else goes to the general engine. */
const KNOWN_PARAMETERS = new Set([
  'seeds',
  'policy',
  'isStop',
  'maxHops',
  'dust',
  'window',
  'collectTransfers',
])
const KNOWN_SEED_FIELDS = {
  address: new Set(['kind', 'chain', 'address', 'asset', 'sinceBlock']),
  transfer: new Set(['kind', 'chain', 'txHash', 'position']),
} as const

/** Why the kernel cannot give the general engine's answer (or its error), or null. */
function unsupported(index: TraceIndex, parameters: TraceIndexParameters): string | null {
  const { policy, maxHops, dust, window } = parameters
  if (policy !== 'haircut' && policy !== 'poison') return `policy ${String(policy)}`
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && !KNOWN_PARAMETERS.has(key)) return `parameter ${key}`
  }
  for (const seed of parameters.seeds) {
    if (seed.kind !== 'address' && seed.kind !== 'transfer') return `${seed.kind} seeds`
    for (const [key, value] of Object.entries(seed)) {
      if (value !== undefined && !KNOWN_SEED_FIELDS[seed.kind].has(key)) return `seed field ${key}`
    }
  }
  // Invalid parameters: the general engine raises the error.
  if (
    maxHops !== undefined &&
    !(maxHops >= 0 && (Number.isInteger(maxHops) || maxHops === Infinity))
  ) {
    return 'invalid maxHops'
  }
  if (dust !== undefined && (dust < 0n || dust >= U128)) return 'dust below 0 or of 2^128 and more'
  if (Number.isNaN(window?.fromBlock) || Number.isNaN(window?.toBlock)) return 'window is NaN'
  for (const seed of parameters.seeds) {
    if (seed.kind === 'address' && !Number.isInteger(seed.sinceBlock)) return 'invalid sinceBlock'
  }
  if (index.chains.length > 1) return 'transfers of several chains'
  const chain = index.chains[0]
  if (chain !== undefined && chains[chain]?.model !== 'account')
    return `${chain} is not an account chain`
  if (!index.ordered) return 'block heights decrease'
  return null
}

function general(
  index: TraceIndex,
  parameters: TraceIndexParameters,
  fallback: string,
  started: number,
): TraceIndexRun {
  const prepared = performance.now()
  const events: Iterable<TransferEvent> = indexEvents(index)
  const result = traceForward({ ...parameters, events })
  return {
    result,
    engine: 'general',
    fallback,
    stateBytes: null,
    timings: { prepare: prepared - started, kernel: performance.now() - prepared, result: 0 },
  }
}

/** The first row whose block is above `block` (or at least `block` when `atLeast`). */
function firstRowAbove(index: TraceIndex, block: number, atLeast = false): number {
  let low = 0
  let high = index.transfers
  while (low < high) {
    const mid = (low + high) >>> 1
    const height = exactAt(index.txBlock, index.txOfRow[mid] ?? 0)
    if (atLeast ? height >= block : height > block) high = mid
    else low = mid + 1
  }
  return low
}

/** Places the trace's state above the index (growing its memory) and returns the offsets. */
function lay(
  index: TraceIndex,
  holders: number,
  activations: number,
  seeds: number,
  records: number,
): Layout {
  const hot = align(index.endPtr, 64)
  const cold = hot + holders * 64
  const acts = align(cold + holders * 40, 16)
  const seedsAt = acts + activations * 8
  const out = align(seedsAt + seeds * 4, 16)
  const totals = out + records * 32
  // Totals (6 × 16 bytes), then the sum of held taint (16 bytes and an overflow flag).
  const ids = totals + 128
  const end = ids + holders * 4
  const memory = index.memory
  if (end > memory.buffer.byteLength) {
    memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65_536))
  }
  return { hot, cold, acts, seeds: seedsAt, out, records, totals, ids, end }
}

function align(offset: number, to: number): number {
  return Math.ceil(offset / to) * to
}
