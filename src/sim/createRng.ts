/** A seeded pseudo-random source: xoshiro128** over 32-bit words, seeded through splitmix32. */
export type Rng = {
  /** A uniform 32-bit unsigned integer. */
  u32(): number
  /** A uniform float in [0, 1). */
  float(): number
  /** A uniform integer in [0, n). */
  int(n: number): number
  /** `bytes` random bytes as lowercase hex (no 0x). */
  hex(bytes: number): string
  /** A heavy-tailed (Pareto, shape `alpha`) multiple of `min`, capped at `cap` × min. */
  pareto(alpha: number, cap: number): number
  /** An independent stream for one purpose, so adding draws elsewhere does not shift it. */
  fork(label: string): Rng
}

/**
 * A deterministic PRNG from a seed and a label: the same (seed, label) always gives the same
 * sequence, on every platform (only 32-bit integer arithmetic; no Math.random).
 *
 * @example
 * const rng = createRng(7, 'bybit-2025'); rng.int(10) // same value on every run
 */
export function createRng(seed: number, label: string): Rng {
  let mix = (Math.trunc(seed) ^ Math.trunc(seed / 0x1_0000_0000) ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++)
    mix = Math.imul(mix ^ label.charCodeAt(i), 0x01000193) >>> 0
  const splitmix = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0
    let z = mix
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()
  if ((a | b | c | d) === 0) a = 1
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0
    const t = (b << 9) >>> 0
    c = (c ^ a) >>> 0
    d = (d ^ b) >>> 0
    b = (b ^ c) >>> 0
    a = (a ^ d) >>> 0
    c = (c ^ t) >>> 0
    d = rotl(d, 11)
    return result
  }
  const float = (): number => u32() / 0x1_0000_0000
  return {
    u32,
    float,
    int: (n) => Math.floor(float() * n),
    hex(bytes) {
      let out = ''
      for (let i = 0; i < bytes; i += 4) {
        const word = u32()
        const hi = (HEX[word >>> 24] ?? '') + (HEX[(word >>> 16) & 0xff] ?? '')
        const lo = (HEX[(word >>> 8) & 0xff] ?? '') + (HEX[word & 0xff] ?? '')
        out += i + 4 <= bytes ? hi + lo : (hi + lo).slice(0, (bytes - i) * 2)
      }
      return out
    },
    pareto: (alpha, cap) => Math.min(cap, (1 - float()) ** (-1 / alpha)),
    fork: (sub) => createRng(seed, `${label}/${sub}`),
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
