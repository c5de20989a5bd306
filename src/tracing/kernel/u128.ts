// AssemblyScript (compiled to WebAssembly by `npm run build:wasm`; not checked by tsc or biome).
// Unsigned 128-bit helpers on (low, high) pairs of u64; results in oLo/oHi (one return value).

export let oLo: u64 = 0
export let oHi: u64 = 0

/** o = value + x; true when the sum overflows 128 bits. */
@inline export function add(lo: u64, hi: u64, xLo: u64, xHi: u64): bool {
  oLo = lo + xLo
  const high = hi + xHi
  oHi = high + (oLo < lo ? 1 : 0)
  return high < hi || oHi < high
}

@inline export function sub(lo: u64, hi: u64, xLo: u64, xHi: u64): void {
  oLo = lo - xLo
  oHi = hi - xHi - (lo < xLo ? 1 : 0)
}

@inline export function less(aLo: u64, aHi: u64, bLo: u64, bHi: u64): bool {
  return aHi < bHi || (aHi == bHi && aLo < bLo)
}

