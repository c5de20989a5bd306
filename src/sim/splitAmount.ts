import type { Rng } from './createRng.js'

/** `total` split into `count` random positive parts (weights 1..2) that add up exactly. */
export function splitAmount(rng: Rng, total: bigint, count: number): bigint[] {
  const weights = Array.from({ length: count }, () => BigInt(1_000_000 + rng.int(1_000_000)))
  const sum = weights.reduce((a, b) => a + b, 0n)
  const parts = weights.map((w) => (total * w) / sum)
  const rest = total - parts.reduce((a, b) => a + b, 0n)
  parts[count - 1] = (parts[count - 1] ?? 0n) + rest
  return parts
}
