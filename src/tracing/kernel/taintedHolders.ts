// AssemblyScript (compiled to WebAssembly by `npm run build:wasm`; not checked by tsc or biome).
// After a trace: which holders have anything to report, found by one pass over their records.
import { add, oHi, oLo } from './u128'

// Offsets in the holder records (see traceKernel.ts).
const TAINT = 16
const RECV = 32
const SEEDED = 0
const ABSORBED = 16

/**
 * Writes the ids of holders with any taint held, received or seeded to `out` (ascending) and
 * the sum of their taint to `sum` (128-bit, then a u64: 1 when the sum overflowed); returns
 * how many.
 */
export function taintedHolders(count: i32, hot: usize, cold: usize, out: usize, sum: usize): i32 {
  let n = 0
  let sumLo: u64 = 0
  let sumHi: u64 = 0
  let overflow = false
  for (let h = 0; h < count; h++) {
    const r = hot + (<usize>h << 6)
    const c = cold + <usize>h * 40
    const tLo = load<u64>(r, TAINT)
    const tHi = load<u64>(r, TAINT + 8)
    const any = tLo | tHi | load<u64>(r, RECV) | load<u64>(r, RECV + 8)
    if ((any | load<u64>(c, SEEDED) | load<u64>(c, SEEDED + 8)) == 0) continue
    store<i32>(out + (<usize>n << 2), h)
    n++
    if (add(sumLo, sumHi, tLo, tHi)) overflow = true
    sumLo = oLo
    sumHi = oHi
  }
  store<u64>(sum, sumLo)
  store<u64>(sum, sumHi, 8)
  store<u64>(sum, overflow ? 1 : 0, 16)
  return n
}


/** Writes the ids of the stops that absorbed taint to `out` (ascending); returns how many. */
export function reachedStops(count: i32, cold: usize, out: usize): i32 {
  let n = 0
  for (let h = 0; h < count; h++) {
    const c = cold + <usize>h * 40
    if ((load<u64>(c, ABSORBED) | load<u64>(c, ABSORBED + 8)) == 0) continue
    store<i32>(out + (<usize>n << 2), h)
    n++
  }
  return n
}
