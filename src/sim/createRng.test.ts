import { describe, expect, test } from 'vitest'
import { createRng } from './createRng.js'

describe('createRng', () => {
  test('the same seed and label give the same sequence; others differ', () => {
    const draw = (seed: number, label: string) => {
      const rng = createRng(seed, label)
      return Array.from({ length: 8 }, () => rng.u32())
    }
    expect(draw(1, 'a')).toEqual(draw(1, 'a'))
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'))
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'))
    // Seeds beyond 32 bits are not truncated to the same stream.
    expect(draw(2 ** 32 + 1, 'a')).not.toEqual(draw(1, 'a'))
  })

  test('draws stay in range', () => {
    const rng = createRng(42, 'range')
    for (let i = 0; i < 10_000; i++) {
      const f = rng.float()
      expect(f >= 0 && f < 1).toBe(true)
      const n = rng.int(7)
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true)
      const p = rng.pareto(1.2, 100)
      expect(p >= 1 && p <= 100).toBe(true)
    }
    expect(rng.hex(32)).toMatch(/^[0-9a-f]{64}$/)
    expect(rng.hex(20)).toMatch(/^[0-9a-f]{40}$/)
    expect(rng.hex(3)).toMatch(/^[0-9a-f]{6}$/)
  })

  test('a fork is independent of draws on its parent', () => {
    const a = createRng(5, 'root')
    const b = createRng(5, 'root')
    b.u32()
    expect(a.fork('x').u32()).toBe(b.fork('x').u32())
  })

  test('is roughly uniform', () => {
    const rng = createRng(9, 'uniform')
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const k = rng.int(10)
      buckets[k] = (buckets[k] ?? 0) + 1
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })
})
