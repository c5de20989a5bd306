import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same file. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/**
 * Writes `count` synthetic ERC-20 transfers as an ethereum-etl token_transfers CSV: 20 tokens,
 * 50,000 addresses, amounts up to ~2^80 (beyond 2^53 and 2^64), 100 transfers per block.
 */
export async function writeSyntheticTransfers(path: string, count: number): Promise<void> {
  const next = random(20250221)
  const out = createWriteStream(path)
  const address = (n: number) => `0x${hex(n, 8)}${'ab'.repeat(16)}`
  out.write('token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n')
  let chunk = ''
  for (let i = 0; i < count; i++) {
    const token = `0x${'c0'.repeat(18)}${hex(Math.floor(next() * 20), 4)}`
    const value = BigInt(Math.floor(next() * 2 ** 40)) * BigInt(Math.floor(next() * 2 ** 40) + 1)
    chunk += `${token},${address(Math.floor(next() * 50_000))},${address(Math.floor(next() * 50_000))},${value},0x${hex(i, 64)},${i % 100},${17_000_000 + Math.floor(i / 100)}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}
