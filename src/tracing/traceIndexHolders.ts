import type { ChainId } from '../chain/index.js'
import { IntList } from './traceIndexColumns.js'

/** One (chain, asset): holders of different assets are different holders. */
export type HolderGroup = { readonly chain: ChainId; readonly asset: string }

/** charCode → hex nibble, -1 for anything but a lowercase hex digit. */
const NIBBLE = new Int8Array(65_536).fill(-1)
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i

/**
 * Holder ids by (group, address), where a group is one (chain, asset). A canonical address
 * (`0x` + 40 lowercase hex digits, as the store keeps EVM addresses) is kept as 20 bytes in an
 * open-addressing table, one 32-byte slot per key (holder id + 1, group, the 5 words), so a
 * lookup touches one cache line: a JS Map keyed by fresh strings costs about a microsecond per
 * lookup at a million keys. Any other string goes through a Map per group. Addresses are
 * compared exactly, as the general engine compares them.
 */
export class HolderTable {
  readonly addresses: string[] = []
  readonly groupOf = new IntList()
  /** holder → its slot in `table`, -1 when its address is not canonical. */
  readonly slotOf = new IntList()
  /**
   * 8 words per slot: holder id + 1 (0: empty), group, the address's 20 bytes big-endian (so
   * they compare as the string does), padding. Slots: a power of two, at least twice the keys.
   */
  table = new Uint32Array(8 * 4096)
  readonly other = new Map<number, Map<string, number>>()
  private keys = 0
  // The address last parsed by `parse`.
  private w0 = 0
  private w1 = 0
  private w2 = 0
  private w3 = 0
  private w4 = 0

  /** The holder id of (group, address), created when new. */
  id(group: number, address: string): number {
    if (this.parse(address)) {
      const table = this.table
      const mask = (table.length >> 3) - 1
      for (let i = this.hash(group) & mask; ; i = (i + 1) & mask) {
        const at = i << 3
        const slot = table[at] ?? 0
        if (slot === 0) {
          const id = this.add(group, address, i)
          table[at] = id + 1
          table[at + 1] = group
          table[at + 2] = this.w0
          table[at + 3] = this.w1
          table[at + 4] = this.w2
          table[at + 5] = this.w3
          table[at + 6] = this.w4
          if (++this.keys * 2 > mask + 1) this.rehash()
          return id
        }
        if (this.matches(at, group)) return slot - 1
      }
    }
    let byAddress = this.other.get(group)
    if (byAddress === undefined) {
      byAddress = new Map()
      this.other.set(group, byAddress)
    }
    let id = byAddress.get(address)
    if (id === undefined) {
      id = this.add(group, address, -1)
      byAddress.set(address, id)
    }
    return id
  }

  /** The holder id of (group, address), or -1 when the index has none. */
  find(group: number, address: string): number {
    if (this.parse(address)) {
      const mask = (this.table.length >> 3) - 1
      for (let i = this.hash(group) & mask; ; i = (i + 1) & mask) {
        const slot = this.table[i << 3] ?? 0
        if (slot === 0) return -1
        if (this.matches(i << 3, group)) return slot - 1
      }
    }
    return this.other.get(group)?.get(address) ?? -1
  }

  /** Bytes of the typed arrays (the address strings and maps are JS heap). */
  byteLength(): number {
    return this.table.byteLength + this.slotOf.data.byteLength + this.groupOf.data.byteLength
  }

  /** Drops the spare capacity of the per-holder arrays once the index is built. */
  trim(): void {
    this.groupOf.data = this.groupOf.trimmed()
    this.slotOf.data = this.slotOf.trimmed()
  }

  /** Parses a canonical address into w0..w4; false for any other string. */
  private parse(address: string): boolean {
    if (address.length !== 42 || address.charCodeAt(0) !== 48 || address.charCodeAt(1) !== 120) {
      return false
    }
    let bad = 0
    let w = 0
    for (let k = 0; k < 5; k++) {
      w = 0
      for (let j = 2 + 8 * k, end = j + 8; j < end; j++) {
        const nibble = NIBBLE[address.charCodeAt(j)] ?? -1
        bad |= nibble
        w = (w << 4) | (nibble & 15)
      }
      if (k === 0) this.w0 = w >>> 0
      else if (k === 1) this.w1 = w >>> 0
      else if (k === 2) this.w2 = w >>> 0
      else if (k === 3) this.w3 = w >>> 0
      else this.w4 = w >>> 0
    }
    return bad >= 0
  }

  private hash(group: number): number {
    let h = Math.imul(group + 1, 0x9e3779b1)
    h = Math.imul(h ^ this.w0, 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 15) ^ this.w1, 0xc2b2ae35)
    h = Math.imul(h ^ (h >>> 13) ^ this.w2, 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 16) ^ this.w3, 0xc2b2ae35)
    h = Math.imul(h ^ (h >>> 13) ^ this.w4, 0x85ebca6b)
    return h ^ (h >>> 16)
  }

  private matches(at: number, group: number): boolean {
    const table = this.table
    return (
      table[at + 6] === this.w4 &&
      table[at + 2] === this.w0 &&
      table[at + 3] === this.w1 &&
      table[at + 4] === this.w2 &&
      table[at + 5] === this.w3 &&
      table[at + 1] === group
    )
  }

  private add(group: number, address: string, slot: number): number {
    const id = this.addresses.length
    this.addresses.push(address)
    this.groupOf.push(group)
    this.slotOf.push(slot)
    return id
  }

  private rehash(): void {
    const old = this.table
    const table = new Uint32Array(old.length * 2)
    const mask = (table.length >> 3) - 1
    for (let from = 0; from < old.length; from += 8) {
      const slot = old[from] ?? 0
      if (slot === 0) continue
      this.w0 = old[from + 2] ?? 0
      this.w1 = old[from + 3] ?? 0
      this.w2 = old[from + 4] ?? 0
      this.w3 = old[from + 5] ?? 0
      this.w4 = old[from + 6] ?? 0
      let i = this.hash(old[from + 1] ?? 0) & mask
      while (table[i << 3] !== 0) i = (i + 1) & mask
      table.set(old.subarray(from, from + 8), i << 3)
      this.slotOf.data[slot - 1] = i
    }
    this.table = table
  }
}

/**
 * Holder ids in the order of a result's holdings: by chain, address, asset, as JS compares the
 * strings. All addresses canonical (the EVM case): a radix sort on (chain rank, the 20 bytes,
 * asset rank), where a comparison sort would miss the cache at every comparison. Otherwise a
 * comparison sort.
 */
export function sortHolders(holders: HolderTable, groups: readonly HolderGroup[]): Int32Array {
  const n = holders.addresses.length
  const slotOf = holders.slotOf.data
  const groupOf = holders.groupOf.data
  const chainRank = ranks(groups.map((g) => g.chain))
  const assetRank = ranks(groups.map((g) => g.asset))
  if (!slotOf.every((slot) => slot >= 0)) {
    return Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort((a, b) => {
        const ga = groupOf[a] ?? 0
        const gb = groupOf[b] ?? 0
        const byChain = (chainRank[ga] ?? 0) - (chainRank[gb] ?? 0)
        if (byChain !== 0) return byChain
        const x = holders.addresses[a] ?? ''
        const y = holders.addresses[b] ?? ''
        if (x !== y) return x < y ? -1 : 1
        return (assetRank[ga] ?? 0) - (assetRank[gb] ?? 0)
      }),
    )
  }
  // Keys, most significant first: chain rank, the address's 5 words, asset rank.
  const keys = new Uint32Array(7 * n)
  const table = holders.table
  for (let h = 0; h < n; h++) {
    const group = groupOf[h] ?? 0
    const at = (slotOf[h] ?? 0) << 3
    keys[7 * h] = chainRank[group] ?? 0
    for (let k = 0; k < 5; k++) keys[7 * h + 1 + k] = table[at + 2 + k] ?? 0
    keys[7 * h + 6] = assetRank[group] ?? 0
  }
  let order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let next = new Int32Array(n)
  const count = new Int32Array(65_537)
  // Least significant digit first: stable counting sorts on 16 bits at a time.
  for (let word = 6; word >= 0; word--) {
    for (let shift = 0; shift <= 16; shift += 16) {
      count.fill(0)
      for (let i = 0; i < n; i++) {
        const slot = (((keys[7 * (order[i] ?? 0) + word] ?? 0) >>> shift) & 0xffff) + 1
        count[slot] = (count[slot] ?? 0) + 1
      }
      // One digit for all: this pass would not move anything.
      if (count.includes(n)) continue
      for (let d = 1; d <= 65_536; d++) count[d] = (count[d] ?? 0) + (count[d - 1] ?? 0)
      for (let i = 0; i < n; i++) {
        const id = order[i] ?? 0
        const digit = ((keys[7 * id + word] ?? 0) >>> shift) & 0xffff
        next[count[digit] ?? 0] = id
        count[digit] = (count[digit] ?? 0) + 1
      }
      const swap = order
      order = next
      next = swap
    }
  }
  return order
}

/** Each value's rank among the distinct values, as JS orders strings. */
function ranks(values: readonly string[]): number[] {
  const sorted = [...new Set(values)].sort()
  const rank = new Map(sorted.map((v, i) => [v, i]))
  return values.map((v) => rank.get(v) ?? 0)
}
