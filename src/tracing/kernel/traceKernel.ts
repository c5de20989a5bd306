// AssemblyScript (compiled to WebAssembly by `npm run build:wasm`; not checked by tsc or biome).
// The haircut / poison loop of applyTransfer.ts over the rows of a trace index, with 128-bit
// balances and taint; src/tracing/traceIndexRun.ts lays out the memory and reads the results.
import { mulDiv, mulDiv64, qHi, qLo } from './mulDiv'
import { add, less, oHi, oLo, sub } from './u128'

export { divWide, mulDiv, mulHigh, qHi, qLo } from './mulDiv'
export { reachedStops, taintedHolders } from './taintedHolders'

/** Whether holder `id` is a stop (the caller's `isStop` on its chain and address): 1 or 0. */
@external('env', 'isStop')
declare function isStop(id: i32): i32

// A row, 16 bytes: from holder (i32, -1 for null), to holder (i32, -1), amount (i64): ≥ 0 the
// amount; -1 - k the k-th entry (lo, hi: 16 bytes) of the big-amount table; i64.MIN unsupported.
// Hot holder record, 64 bytes (one cache line):
const BAL = 0 // balance, 128-bit (lo at +0, hi at +8)
const TAINT = 16 // tainted, 128-bit
const RECV = 32 // received, 128-bit
const HOP = 48 // i32: hop + 1 (0: never tainted)
const FLAGS = 52 // i32
// Cold holder record, 40 bytes, touched for seeds and stops only:
const SEEDED = 0 // 128-bit
const ABSORBED = 16 // 128-bit, stops only
const END_HOP = 32 // i32: endpoint hop + 1

const STOP: i32 = 1
const STOP_KNOWN: i32 = 8
const SEED: i32 = 2
const POISONED: i32 = 4

const HELD: i32 = 0
const AT_STOP: i32 = 1
const DUST: i32 = 2
const HOP_LIMIT: i32 = 3
const BURNED: i32 = 4

export const DONE: i32 = 0
export const PAUSED: i32 = 1
export const UNSUPPORTED: i32 = 2
/** Why the kernel gave up (the caller then runs the general engine). */
export const REASON_AMOUNT: i32 = 1
export const REASON_OVERFLOW: i32 = 2

const POISON: i32 = 1

let rows: usize = 0
let big: usize = 0
let hot: usize = 0
let cold: usize = 0
let acts: usize = 0 // (row i32, holder i32) pairs sorted by row: address seed activations
let actCount: i32 = 0
let actNext: i32 = 0
let seeds: usize = 0 // sorted rows of seeded transfers
let seedCount: i32 = 0
let seedNext: i32 = 0
let out: usize = 0 // 32-byte records: row i32, hop i32, fate i32, pad, tainted 128-bit
let outCap: i32 = 0
let outCount: i32 = 0
let collect = false
let row: i32 = 0
let endRow: i32 = 0
let policy: i32 = 0
let maxHops: i32 = 0
let dustLo: u64 = 0
let dustHi: u64 = 0
let reason: i32 = 0
let totals: usize = 0 // 12 × u64: seeded, contaminated, stops, dust, hopLimit, burned (lo, hi)

export function heapBase(): usize {
  return __heap_base
}

export function start(
  rowsPtr: usize,
  bigPtr: usize,
  hotPtr: usize,
  coldPtr: usize,
  actsPtr: usize,
  actsLength: i32,
  seedsPtr: usize,
  seedsLength: i32,
  outPtr: usize,
  outCapacity: i32,
  totalsPtr: usize,
  rowCount: i32,
  policyCode: i32,
  hopLimit: i32,
  dustLow: u64,
  dustHigh: u64,
): void {
  rows = rowsPtr
  big = bigPtr
  hot = hotPtr
  cold = coldPtr
  acts = actsPtr
  actCount = actsLength
  actNext = 0
  seeds = seedsPtr
  seedCount = seedsLength
  seedNext = 0
  out = outPtr
  outCap = outCapacity
  outCount = 0
  collect = outCapacity > 0
  totals = totalsPtr
  row = 0
  endRow = rowCount
  policy = policyCode
  maxHops = hopLimit
  dustLo = dustLow
  dustHi = dustHigh
  reason = 0
}

export function failure(): i32 {
  return reason
}

/** Records written since the last call (the caller has read them). */
export function takeRecords(): i32 {
  const n = outCount
  outCount = 0
  return n
}

/** The next row to apply. */
export function position(): i32 {
  return row
}

/**
 * Applies rows up to `stopRow` (exclusive): DONE after the last row, PAUSED at stopRow or when
 * the record buffer is full, UNSUPPORTED when the general engine must take over. The caller
 * runs in slices because V8 switches a WebAssembly function to optimised code between calls,
 * never inside a running loop.
 */
export function run(stopRow: i32): i32 {
  while (row < endRow) {
    if (row >= stopRow) return PAUSED
    const batchEnd = min(min(row + BATCH, endRow), stopRow)
    touch(row, batchEnd)
    while (row < batchEnd) {
      if (actNext < actCount && load<i32>(acts + (<usize>actNext << 3)) <= row) {
        if (!activateUpTo(row)) return UNSUPPORTED
      }
      if (collect && outCount >= outCap) return PAUSED
      if (!step(row)) return UNSUPPORTED
      row++
    }
  }
  // Seeds whose block is past the last row activate on the final balances.
  if (!activateUpTo(i32.MAX_VALUE)) return UNSUPPORTED
  return DONE
}

/** Rows whose holder records are fetched ahead, together. */
const BATCH: i32 = 64
/** Keeps the loads of `touch` from being optimised away. */
let sink: i32 = 0

/**
 * Reads the hot record of every sender and recipient of rows [start, end) with no branches in
 * between, so the CPU fetches the cache lines in parallel; `step` then finds them in cache. (Its
 * branches depend on these records: a record missing the cache there would stall every row.)
 */
function touch(start: i32, end: i32): void {
  let x: i32 = 0
  for (let i = start; i < end; i++) {
    const p = rows + (<usize>i << 4)
    const from = load<i32>(p)
    const to = load<i32>(p, 4)
    x += load<i32>(hot + (<usize>select<i32>(from, 0, from >= 0) << 6), FLAGS)
    x += load<i32>(hot + (<usize>select<i32>(to, 0, to >= 0) << 6), FLAGS)
  }
  sink += x
}

@inline function fail(code: i32): bool {
  reason = code
  return false
}

/** Adds to a 128-bit slot in memory; false on overflow. */
@inline function addAt(p: usize, xLo: u64, xHi: u64): bool {
  if (add(load<u64>(p), load<u64>(p, 8), xLo, xHi)) return false
  store<u64>(p, oLo)
  store<u64>(p, oHi, 8)
  return true
}

@inline function total(slot: usize, xLo: u64, xHi: u64): bool {
  return addAt(totals + (slot << 4), xLo, xHi)
}

function activateUpTo(limit: i32): bool {
  while (actNext < actCount) {
    const p = acts + (<usize>actNext << 3)
    if (load<i32>(p) > limit) break
    actNext++
    const r = hot + (<usize>load<i32>(p, 4) << 6)
    const flags = load<i32>(r, FLAGS)
    if ((flags & SEED) == 0) {
      // Everything it holds now is tainted: the part that was clean is seeded here.
      const bLo = load<u64>(r, BAL)
      const bHi = load<u64>(r, BAL + 8)
      sub(bLo, bHi, load<u64>(r, TAINT), load<u64>(r, TAINT + 8))
      const xLo = oLo
      const xHi = oHi
      if (!addAt(cold + <usize>load<i32>(p, 4) * 40 + SEEDED, xLo, xHi)) return fail(REASON_OVERFLOW)
      if (!total(0, xLo, xHi)) return fail(REASON_OVERFLOW)
      store<u64>(r, bLo, TAINT)
      store<u64>(r, bHi, TAINT + 8)
      store<i32>(r, flags | SEED | (policy == POISON ? POISONED : 0), FLAGS)
    }
    store<i32>(r, 1, HOP)
  }
  return true
}

@inline function record(i: i32, cLo: u64, cHi: u64, hop: i32, fate: i32): void {
  if (!collect) return
  const p = out + (<usize>outCount << 5)
  store<i32>(p, i)
  store<i32>(p, hop, 4)
  store<i32>(p, fate, 8)
  store<u64>(p, cLo, 16)
  store<u64>(p, cHi, 24)
  outCount++
}

/** Applies row i (applyTransfer for haircut and poison); false when the kernel must give up. */
function step(i: i32): bool {
  const p = rows + (<usize>i << 4)
  const from = load<i32>(p)
  const to = load<i32>(p, 4)
  const raw = load<i64>(p, 8)
  let aLo: u64 = <u64>raw
  let aHi: u64 = 0
  if (raw <= 0) {
    if (raw == 0) return true
    if (raw == i64.MIN_VALUE) return fail(REASON_AMOUNT)
    const b = big + (<usize>(-1 - raw) << 4)
    aLo = load<u64>(b)
    aHi = load<u64>(b, 8)
  }
  let cLo: u64 = 0
  let cHi: u64 = 0
  let hop: i32 = 0
  if (from >= 0) {
    const s = hot + (<usize>from << 6)
    let bLo = load<u64>(s, BAL)
    let bHi = load<u64>(s, BAL + 8)
    // 128-bit arithmetic in locals (the helpers' globals cost a memory round trip each).
    const short = less(bLo, bHi, aLo, aHi)
    // Unknown history: the excess is clean value the sender already had.
    if (policy == POISON && short && (load<i32>(s, FLAGS) & POISONED) != 0) {
      sub(aLo, aHi, bLo, bHi)
      if (!total(1, oLo, oHi)) return fail(REASON_OVERFLOW)
      store<u64>(s, aLo, TAINT)
      store<u64>(s, aHi, TAINT + 8)
    }
    bLo = select<u64>(aLo, bLo, short)
    bHi = select<u64>(aHi, bHi, short)
    const tLo = load<u64>(s, TAINT)
    const tHi = load<u64>(s, TAINT + 8)
    if ((tLo | tHi) != 0) {
      hop = load<i32>(s, HOP)
      if (policy == POISON) {
        cLo = aLo
        cHi = aHi
      } else if (bHi == 0) {
        cLo = mulDiv64(aLo, tLo, bLo)
      } else {
        mulDiv(aLo, aHi, tLo, tHi, bLo, bHi)
        cLo = qLo
        cHi = qHi
      }
      store<u64>(s, tLo - cLo, TAINT)
      store<u64>(s, tHi - cHi - select<u64>(1, 0, tLo < cLo), TAINT + 8)
    }
    store<u64>(s, bLo - aLo, BAL)
    store<u64>(s, bHi - aHi - select<u64>(1, 0, bLo < aLo), BAL + 8)
  }
  let seeded = false
  // Seeded rows passed over (a zero amount returns early) are skipped.
  while (seedNext < seedCount && load<i32>(seeds + (<usize>seedNext << 2)) < i) seedNext++
  if (seedNext < seedCount && load<i32>(seeds + (<usize>seedNext << 2)) == i) {
    seeded = true
    seedNext++
    sub(aLo, aHi, cLo, cHi)
    if (!total(0, oLo, oHi)) return fail(REASON_OVERFLOW)
    cLo = aLo
    cHi = aHi
    hop = 0
  }
  const carried = (cLo | cHi) != 0
  if (to < 0) {
    if (carried) {
      if (!total(5, cLo, cHi)) return fail(REASON_OVERFLOW)
      record(i, cLo, cHi, hop, BURNED)
    }
    return true
  }
  const r = hot + (<usize>to << 6)
  let flags = load<i32>(r, FLAGS)
  let dLo = cLo
  let dHi = cHi
  if (carried) {
    let fate = HELD
    if ((flags & SEED) == 0) {
      if (!seeded && hop > maxHops) {
        fate = HOP_LIMIT
        if (!total(4, cLo, cHi)) return fail(REASON_OVERFLOW)
      } else if (!seeded && less(cLo, cHi, dustLo, dustHi)) {
        fate = DUST
        if (!total(3, cLo, cHi)) return fail(REASON_OVERFLOW)
      } else {
        // Whether the recipient is a stop, asked once per holder when taint first reaches it
        // (where the general engine asks too).
        if ((flags & STOP_KNOWN) == 0) {
          flags |= STOP_KNOWN | (isStop(to) != 0 ? STOP : 0)
          store<i32>(r, flags, FLAGS)
        }
        if ((flags & STOP) != 0) {
          fate = AT_STOP
          if (!absorb(to, cLo, cHi, hop)) return fail(REASON_OVERFLOW)
        }
      }
      if (fate != HELD) {
        dLo = 0
        dHi = 0
      }
    }
    record(i, cLo, cHi, hop, fate)
  }
  const beforeLo = load<u64>(r, BAL)
  const beforeHi = load<u64>(r, BAL + 8)
  const afterLo = beforeLo + aLo
  const high = beforeHi + aHi
  const afterHi = high + select<u64>(1, 0, afterLo < beforeLo)
  if (high < beforeHi || afterHi < high) return fail(REASON_OVERFLOW)
  store<u64>(r, afterLo, BAL)
  store<u64>(r, afterHi, BAL + 8)
  let xLo = dLo
  let xHi = dHi
  if ((flags & SEED) != 0) {
    // An active address seed: all it receives is tainted.
    sub(aLo, aHi, dLo, dHi)
    const sLo = oLo
    const sHi = oHi
    if (!addAt(cold + <usize>to * 40 + SEEDED, sLo, sHi)) return fail(REASON_OVERFLOW)
    if (!total(0, sLo, sHi)) return fail(REASON_OVERFLOW)
    xLo = aLo
    xHi = aHi
  }
  if ((dLo | dHi) != 0) {
    if (!addAt(r + RECV, dLo, dHi)) return fail(REASON_OVERFLOW)
    const known = load<i32>(r, HOP)
    if (known == 0 || hop + 1 < known) store<i32>(r, hop + 1, HOP)
  }
  const tainted = (xLo | xHi) != 0
  if (policy == POISON) {
    if (tainted && (flags & POISONED) == 0) {
      flags |= POISONED
      store<i32>(r, flags, FLAGS)
      if (!total(1, beforeLo, beforeHi)) return fail(REASON_OVERFLOW)
    }
    if ((flags & POISONED) != 0) {
      sub(aLo, aHi, xLo, xHi)
      if (!total(1, oLo, oHi)) return fail(REASON_OVERFLOW)
      store<u64>(r, afterLo, TAINT)
      store<u64>(r, afterHi, TAINT + 8)
    }
  } else if (tainted) {
    // t ≤ balance, so this cannot overflow.
    const t0 = load<u64>(r, TAINT)
    const sum = t0 + xLo
    store<u64>(r, sum, TAINT)
    store<u64>(r, load<u64>(r, TAINT + 8) + xHi + select<u64>(1, 0, sum < t0), TAINT + 8)
  }
  return true
}

function absorb(holder: i32, cLo: u64, cHi: u64, hop: i32): bool {
  const c = cold + <usize>holder * 40
  if (!addAt(c + ABSORBED, cLo, cHi)) return false
  const known = load<i32>(c, END_HOP)
  if (known == 0 || hop + 1 < known) store<i32>(c, hop + 1, END_HOP)
  return total(2, cLo, cHi)
}
