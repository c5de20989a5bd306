// AssemblyScript (compiled to WebAssembly by `npm run build:wasm`; not checked by tsc or biome).
// Exact floor(a × t / b) on unsigned 128-bit values, the haircut share of docs/tracing.md.
// Callers guarantee a ≤ b and t ≤ b (so the quotient ≤ t fits in 128 bits) and b > 0.

/** The quotient of the last `mulDiv` (two 64-bit halves: WebAssembly returns one value). */
export let qLo: u64 = 0
export let qHi: u64 = 0

// Knuth's algorithm D over 32-bit digits (Hacker's Delight `divmnu`): u is the 256-bit product,
// v the 128-bit divisor, both normalised in place; un has one digit more than u.
const un: usize = memory.data(4 * 9)
const vn: usize = memory.data(4 * 4)
const vd: usize = memory.data(4 * 4)
const prod: usize = memory.data(4 * 8)

const B: u64 = 0x1_0000_0000
const M32: u64 = 0xffff_ffff

@inline function digit(p: usize, i: i32): u64 {
  return <u64>load<u32>(p + (<usize>i << 2))
}

@inline function setDigit(p: usize, i: i32, value: u64): void {
  store<u32>(p + (<usize>i << 2), <u32>value)
}

/** High 64 bits of a × b (the low 64 bits are a * b). */
@inline export function mulHigh(a: u64, b: u64): u64 {
  const aL = a & M32
  const aH = a >> 32
  const bL = b & M32
  const bH = b >> 32
  const ll = aL * bL
  const lh = aL * bH
  const hl = aH * bL
  const mid = (ll >> 32) + (lh & M32) + (hl & M32)
  return aH * bH + (lh >> 32) + (hl >> 32) + (mid >> 32)
}

/** floor((u1·2^64 + u0) / v) for u1 < v (the quotient fits in 64 bits): Hacker's Delight divlu. */
export function divWide(u1: u64, u0: u64, v: u64): u64 {
  if (u1 == 0) return u0 / v
  const s = <u64>clz<u64>(v)
  v <<= s
  const vn1 = v >> 32
  const vn0 = v & M32
  // When s is 0 the shift by 64 - s would wrap to 0 in WebAssembly: keep the high part at u1.
  const un32 = s == 0 ? u1 : (u1 << s) | (u0 >> (64 - s))
  const un10 = u0 << s
  const un1 = un10 >> 32
  const un0 = un10 & M32
  let q1 = un32 / vn1
  let rhat = un32 - q1 * vn1
  while (q1 >= B || q1 * vn0 > ((rhat << 32) | un1)) {
    q1 -= 1
    rhat += vn1
    if (rhat >= B) break
  }
  const un21 = (un32 << 32) + un1 - q1 * v
  let q0 = un21 / vn1
  rhat = un21 - q0 * vn1
  while (q0 >= B || q0 * vn0 > ((rhat << 32) | un0)) {
    q0 -= 1
    rhat += vn1
    if (rhat >= B) break
  }
  return (q1 << 32) + q0
}

/** floor(a × t / b) for a, t ≤ b < 2^64 (the quotient is ≤ t < 2^64). */
@inline export function mulDiv64(a: u64, t: u64, b: u64): u64 {
  const hi = mulHigh(a, t)
  return hi == 0 ? (a * t) / b : divWide(hi, a * t, b)
}

/** Sets qLo/qHi to floor(a × t / b). */
export function mulDiv(aLo: u64, aHi: u64, tLo: u64, tHi: u64, bLo: u64, bHi: u64): void {
  if (bHi == 0) {
    // a, t ≤ b < 2^64: a 128-bit product over a 64-bit divisor; the quotient is ≤ t < 2^64.
    qHi = 0
    qLo = mulDiv64(aLo, tLo, bLo)
    return
  }
  mulDivWide(aLo, aHi, tLo, tHi, bLo, bHi)
}

/** The general case, b ≥ 2^64: a 256-bit product over a 128-bit divisor. */
function mulDivWide(aLo: u64, aHi: u64, tLo: u64, tHi: u64, bLo: u64, bHi: u64): void {
  // prod = a × t in eight 32-bit digits (schoolbook over four digits each).
  for (let i = 0; i < 8; i++) setDigit(prod, i, 0)
  for (let i = 0; i < 4; i++) {
    const ai = i < 2 ? (aLo >> (<u64>(i * 32))) & M32 : (aHi >> (<u64>((i - 2) * 32))) & M32
    if (ai == 0) continue
    let carry: u64 = 0
    for (let j = 0; j < 4; j++) {
      const tj = j < 2 ? (tLo >> (<u64>(j * 32))) & M32 : (tHi >> (<u64>((j - 2) * 32))) & M32
      const sum = ai * tj + digit(prod, i + j) + carry
      setDigit(prod, i + j, sum & M32)
      carry = sum >> 32
    }
    setDigit(prod, i + 4, carry)
  }
  let m = 8
  while (m > 0 && digit(prod, m - 1) == 0) m--
  const n = bHi >> 32 != 0 ? 4 : 3
  qLo = 0
  qHi = 0
  if (m < n) return
  // Normalise so the divisor's top digit has its high bit set.
  const v3 = n == 4 ? bHi >> 32 : bHi & M32
  const s = <u64>clz<u32>(<u32>v3)
  setDigit(vd, 0, bLo & M32)
  setDigit(vd, 1, bLo >> 32)
  setDigit(vd, 2, bHi & M32)
  setDigit(vd, 3, bHi >> 32)
  for (let i = n - 1; i > 0; i--) {
    setDigit(vn, i, ((digit(vd, i) << s) | (digit(vd, i - 1) >> (32 - s))) & M32)
  }
  setDigit(vn, 0, (digit(vd, 0) << s) & M32)
  setDigit(un, m, digit(prod, m - 1) >> (32 - s))
  for (let i = m - 1; i > 0; i--) {
    setDigit(un, i, ((digit(prod, i) << s) | (digit(prod, i - 1) >> (32 - s))) & M32)
  }
  setDigit(un, 0, (digit(prod, 0) << s) & M32)
  const top = digit(vn, n - 1)
  const next = digit(vn, n - 2)
  for (let j = m - n; j >= 0; j--) {
    const num = (digit(un, j + n) << 32) | digit(un, j + n - 1)
    let qhat = num / top
    let rhat = num - qhat * top
    while (qhat >= B || qhat * next > ((rhat << 32) | digit(un, j + n - 2))) {
      qhat -= 1
      rhat += top
      if (rhat >= B) break
    }
    // Multiply and subtract; k is the borrow (signed arithmetic as in the reference).
    let k: i64 = 0
    let t: i64 = 0
    for (let i = 0; i < n; i++) {
      const p = qhat * digit(vn, i)
      t = <i64>digit(un, i + j) - k - <i64>(p & M32)
      setDigit(un, i + j, <u64>t)
      k = <i64>(p >> 32) - (t >> 32)
    }
    t = <i64>digit(un, j + n) - k
    setDigit(un, j + n, <u64>t)
    if (t < 0) {
      // qhat was one too large: add the divisor back.
      qhat -= 1
      let c: u64 = 0
      for (let i = 0; i < n; i++) {
        const sum = digit(un, i + j) + digit(vn, i) + c
        setDigit(un, i + j, sum)
        c = sum >> 32
      }
      setDigit(un, j + n, digit(un, j + n) + c)
    }
    // The quotient fits in 128 bits: digits j ≥ 4 are 0.
    if (j < 2) qLo |= qhat << (<u64>(j * 32))
    else if (j < 4) qHi |= qhat << (<u64>((j - 2) * 32))
  }
}
