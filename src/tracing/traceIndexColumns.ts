/** Growable typed columns for the trace index, and the transaction-hash codec. */

/** An Int32Array that grows by doubling; `trimmed()` returns a copy of exactly `length` values. */
export class IntList {
  data: Int32Array = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  trimmed(): Int32Array {
    return this.data.slice(0, this.length)
  }
}

const INT32_MIN = -2147483648

/**
 * Numbers stored exactly: int32 values in a column, anything else (rare: an unknown transaction
 * index stored as MAX_SAFE_INTEGER, NaN…) in a side map behind a sentinel.
 */
export class ExactInts {
  readonly list = new IntList()
  readonly other = new Map<number, number>()

  push(value: number): void {
    if ((value | 0) === value && value !== INT32_MIN && !Object.is(value, -0)) this.list.push(value)
    else {
      this.other.set(this.list.length, value)
      this.list.push(INT32_MIN)
    }
  }
}

/** The frozen form of ExactInts. */
export type ExactColumn = {
  readonly values: Int32Array
  readonly other: ReadonlyMap<number, number>
}

export function freeze(ints: ExactInts): ExactColumn {
  return { values: ints.list.trimmed(), other: ints.other }
}

export function exactAt(column: ExactColumn, i: number): number {
  const value = column.values[i] ?? INT32_MIN
  return value === INT32_MIN ? (column.other.get(i) ?? Number.NaN) : value
}

const HEX_DIGITS = '0123456789abcdef'
/** charCode → nibble, -1 for anything but a lowercase hex digit. */
const NIBBLE = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) NIBBLE[HEX_DIGITS.charCodeAt(i)] = i
/** byte → two lowercase hex digits. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * Writes a canonical hash (`0x` + 64 lowercase hex digits) as 32 bytes at `offset`; false (and
 * nothing reliable written) for any other string, which the caller keeps as it is.
 */
export function writeHash(hash: string, bytes: Uint8Array, offset: number): boolean {
  if (hash.length !== 66 || hash.charCodeAt(0) !== 48 || hash.charCodeAt(1) !== 120) return false
  for (let i = 0; i < 32; i++) {
    const high = NIBBLE[hash.charCodeAt(2 + 2 * i)] ?? -1
    const low = NIBBLE[hash.charCodeAt(3 + 2 * i)] ?? -1
    if (high < 0 || low < 0) return false
    bytes[offset + i] = (high << 4) | low
  }
  return true
}

/** The canonical hash string of the 32 bytes at `offset`. */
export function readHash(bytes: Uint8Array, offset: number): string {
  let hex = '0x'
  for (let i = 0; i < 32; i++) hex += BYTE_HEX[bytes[offset + i] ?? 0]
  return hex
}

/** A Uint8Array that grows by doubling, written 32 bytes (one hash) at a time. */
export class HashList {
  data: Uint8Array = new Uint8Array(32 * 1024)
  count = 0

  /** Room for one more hash; returns its offset. */
  reserve(): number {
    if ((this.count + 1) * 32 > this.data.length) {
      const grown = new Uint8Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    return this.count++ * 32
  }

  trimmed(): Uint8Array {
    return this.data.slice(0, this.count * 32)
  }
}
