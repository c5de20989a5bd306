import { readFileSync } from 'node:fs'

/**
 * The WebAssembly trace kernel (AssemblyScript in src/tracing/kernel, built by
 * `npm run build:wasm` into dist/wasm; src/tracing and dist/tracing are both two levels down).
 */
const wasmUrl = new URL('../../dist/wasm/traceKernel.wasm', import.meta.url)

/** A WebAssembly memory (the lib settings of this project carry no WebAssembly types). */
export type WasmMemory = { readonly buffer: ArrayBuffer; grow(pages: number): number }
type WasmGlobal = { readonly value: bigint }
type WasmApi = {
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory
  readonly Module: new (bytes: Uint8Array) => object
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown }
}
const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly

/** A fresh memory of `pages` pages of 64 KiB. */
export function newMemory(pages: number): WasmMemory {
  return new wasm.Memory({ initial: pages })
}

/** The kernel's exports (see src/tracing/kernel/traceKernel.ts for the memory layout). */
export type TraceKernel = {
  readonly heapBase: () => number
  readonly start: (
    rows: number,
    big: number,
    hot: number,
    cold: number,
    acts: number,
    actCount: number,
    seeds: number,
    seedCount: number,
    out: number,
    outCapacity: number,
    totals: number,
    rowCount: number,
    policy: number,
    maxHops: number,
    dustLow: bigint,
    dustHigh: bigint,
  ) => void
  /** Runs rows up to `stopRow` (exclusive): 0 done, 1 paused, 2 unsupported. */
  readonly run: (stopRow: number) => number
  readonly position: () => number
  readonly failure: () => number
  readonly takeRecords: () => number
  /** Ids of holders with any taint to `out`, their summed taint to `sum` (+16: 1 on overflow). */
  /** Ids of the stops that absorbed taint to `out`; returns how many. */
  readonly reachedStops: (count: number, cold: number, out: number) => number
  readonly taintedHolders: (
    count: number,
    hot: number,
    cold: number,
    out: number,
    sum: number,
  ) => number
  readonly mulDiv: (
    aLow: bigint,
    aHigh: bigint,
    tLow: bigint,
    tHigh: bigint,
    bLow: bigint,
    bHigh: bigint,
  ) => void
  readonly divWide: (high: bigint, low: bigint, divisor: bigint) => bigint
  readonly qLo: WasmGlobal
  readonly qHi: WasmGlobal
}

export const KERNEL_DONE = 0
export const KERNEL_PAUSED = 1
export const KERNEL_UNSUPPORTED = 2
/** Bytes below this offset belong to the kernel's own static data. */
export const KERNEL_RESERVED = 65_536

let compiled: object | string | undefined

/** The compiled module, or why it is unavailable (not built). Compiled once per process. */
function kernelModule(): object | string {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(readFileSync(wasmUrl))
    } catch (error) {
      compiled = `the WebAssembly kernel is not available (${String(error)}); run npm run build:wasm`
    }
  }
  return compiled
}

/**
 * An instance of the kernel working in `memory`, or why there is none. `isStop(holder)` answers
 * 1 when the holder is a stop, else 0.
 */
export function instantiateKernel(
  memory: WasmMemory,
  isStop: (holder: number) => number,
): TraceKernel | string {
  const module = kernelModule()
  if (typeof module === 'string') return module
  const instance = new wasm.Instance(module, { env: { memory, isStop } })
  const kernel = instance.exports as unknown as TraceKernel
  if (kernel.heapBase() > KERNEL_RESERVED)
    return 'the kernel’s static data outgrew its reserved page'
  return kernel
}
