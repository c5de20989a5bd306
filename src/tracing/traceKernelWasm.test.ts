import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { instantiateKernel, newMemory, type TraceKernel } from './traceKernelWasm.js'

function kernel(): TraceKernel {
  const instance = instantiateKernel(newMemory(2), () => 0)
  if (typeof instance === 'string') throw new Error(instance)
  return instance
}

const M64 = (1n << 64n) - 1n
const k = kernel()

/** floor(a × t / b) computed by the kernel. */
function mulDiv(a: bigint, t: bigint, b: bigint): bigint {
  k.mulDiv(a & M64, a >> 64n, t & M64, t >> 64n, b & M64, b >> 64n)
  return BigInt.asUintN(64, k.qLo.value) | (BigInt.asUintN(64, k.qHi.value) << 64n)
}

// 128-bit values built from 32-bit digits that stress long division (0, 1, 2^31, 2^32 - 1…).
const digit = fc.oneof(
  fc.constantFrom(0n, 1n, 0x7fff_ffffn, 0x8000_0000n, 0x8000_0001n, 0xffff_fffen, 0xffff_ffffn),
  fc.bigInt({ min: 0n, max: 0xffff_ffffn }),
)
const u128 = fc
  .tuple(digit, digit, digit, digit)
  .map(([d0, d1, d2, d3]) => d0 | (d1 << 32n) | (d2 << 64n) | (d3 << 96n))
const u64 = fc.tuple(digit, digit).map(([d0, d1]) => d0 | (d1 << 32n))

describe('behavior: the kernel’s 128-bit haircut share', () => {
  test('floor(a × t / b) equals bigint arithmetic for a, t ≤ b < 2^128', () => {
    fc.assert(
      fc.property(u128, u128, u128, (x, y, z) => {
        const b = z === 0n ? 1n : z
        const a = x % (b + 1n)
        const t = y % (b + 1n)
        expect(mulDiv(a, t, b)).toBe((a * t) / b)
      }),
      { numRuns: 20_000 },
    )
  })

  test('the same below 2^64 (the one-word divisor path)', () => {
    fc.assert(
      fc.property(u64, u64, u64, (x, y, z) => {
        const b = z === 0n ? 1n : z
        const a = x % (b + 1n)
        const t = y % (b + 1n)
        expect(mulDiv(a, t, b)).toBe((a * t) / b)
      }),
      { numRuns: 20_000 },
    )
  })

  test('cases where a long-division digit guess is one too large (the add-back step)', () => {
    // Found by a port of the algorithm that counts add-backs; each needs one.
    const cases: [bigint, bigint, bigint][] = [
      [
        0xffffffff0000000000000000n,
        0xbbc8faef0000000080000000ffffffffn,
        0xffffffff00000000bf1b8168ffffffffn,
      ],
      [
        0x8000000000000000000000018f0dda75n,
        0x8000000080000001fffffffe00000001n,
        0x8000000080000001ffffffffffffffffn,
      ],
      [
        0x8000000000000000578832fbed6c1545n,
        0x180000001fffffffe00000001n,
        0xfffffffffffffffffffffffeffffffffn,
      ],
      [
        0x7fffffff80000000800000008fbf233bn,
        0x800000007fffffff0000000000000000n,
        0xfffffffffffffffeaea48948ffffffffn,
      ],
    ]
    for (const [a, t, b] of cases) expect(mulDiv(a, t, b)).toBe((a * t) / b)
  })

  test('a 128-bit by 64-bit division whose quotient fits 64 bits equals bigint division', () => {
    fc.assert(
      fc.property(u64, u64, u64, (high, low, divisor) => {
        const v = divisor === 0n ? 1n : divisor
        const u1 = high % v
        const q = BigInt.asUintN(64, k.divWide(u1, BigInt.asIntN(64, low), BigInt.asIntN(64, v)))
        expect(q).toBe(((u1 << 64n) | low) / v)
      }),
      { numRuns: 20_000 },
    )
  })
})
