import { ChainwatchError } from '../../errors/index.js'

/**
 * A read position over raw bytes, plus where the decoder is (transaction, part, item, field) so
 * that an error can say what it was reading. Internal to the decoders; mutated as they advance.
 */
export type Cursor = {
  readonly bytes: Uint8Array
  readonly view: DataView
  /** What the bytes as a whole are, for messages: `Block is truncated at byte …`. */
  readonly subject: 'Block' | 'Transaction'
  pos: number
  /** Index of the transaction being read, or -1 outside of one. */
  tx: number
  part: string
  /** Index of the input, output or witness item being read, or -1. */
  item: number
  field: string
}

/** Compact sizes above this are rejected, as Bitcoin Core's MAX_SIZE does. */
const maxCompactSize = 0x02000000

export function createCursor(bytes: Uint8Array, subject: Cursor['subject']): Cursor {
  return {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    subject,
    pos: 0,
    tx: -1,
    part: 'header',
    item: -1,
    field: '',
  }
}

/** Sets what is being read; `item` -1 and `field` '' when they do not apply. */
export function at(cursor: Cursor, part: string, item = -1, field = ''): void {
  cursor.part = part
  cursor.item = item
  cursor.field = field
}

/** `transaction 17 output 2 value`: the place named in error messages. */
export function location(cursor: Cursor): string {
  const words: string[] = []
  if (cursor.tx >= 0 && cursor.subject === 'Block') words.push(`transaction ${cursor.tx}`)
  if (cursor.part !== '') words.push(cursor.part)
  if (cursor.item >= 0) words.push(String(cursor.item))
  if (cursor.field !== '') words.push(cursor.field)
  return words.join(' ')
}

export function remaining(cursor: Cursor): number {
  return cursor.bytes.length - cursor.pos
}

/** Throws `block.invalid` for bytes that are present but wrong at the cursor. */
export function fail(cursor: Cursor, reason: string, offset = cursor.pos): never {
  const where = location(cursor)
  throw new ChainwatchError(
    'block.invalid',
    `${cursor.subject} is invalid at byte ${offset} (${where}): ${reason}.`,
    { meta: { offset, reading: where, length: cursor.bytes.length } },
  )
}

function ensure(cursor: Cursor, size: number): void {
  if (cursor.pos + size <= cursor.bytes.length) return
  const where = location(cursor)
  throw new ChainwatchError(
    'block.invalid',
    `${cursor.subject} is truncated at byte ${cursor.bytes.length} while reading ${where}.`,
    {
      meta: { offset: cursor.pos, needed: size, length: cursor.bytes.length, reading: where },
    },
  )
}

export function readU8(cursor: Cursor): number {
  ensure(cursor, 1)
  const value = cursor.view.getUint8(cursor.pos)
  cursor.pos += 1
  return value
}

export function readU32(cursor: Cursor): number {
  ensure(cursor, 4)
  const value = cursor.view.getUint32(cursor.pos, true)
  cursor.pos += 4
  return value
}

export function readI32(cursor: Cursor): number {
  ensure(cursor, 4)
  const value = cursor.view.getInt32(cursor.pos, true)
  cursor.pos += 4
  return value
}

export function readU64(cursor: Cursor): bigint {
  ensure(cursor, 8)
  const value = cursor.view.getBigUint64(cursor.pos, true)
  cursor.pos += 8
  return value
}

export function skip(cursor: Cursor, size: number): void {
  ensure(cursor, size)
  cursor.pos += size
}

/** A view (not a copy) of the next `size` bytes. */
export function readBytes(cursor: Cursor, size: number): Uint8Array {
  ensure(cursor, size)
  const value = cursor.bytes.subarray(cursor.pos, cursor.pos + size)
  cursor.pos += size
  return value
}

/** Bitcoin's CompactSize, canonical and at most MAX_SIZE, as Bitcoin Core requires. */
export function readCompactSize(cursor: Cursor): number {
  const start = cursor.pos
  const first = readU8(cursor)
  if (first < 0xfd) return first
  let value: number
  let least: number
  if (first === 0xfd) {
    ensure(cursor, 2)
    value = cursor.view.getUint16(cursor.pos, true)
    cursor.pos += 2
    least = 0xfd
  } else if (first === 0xfe) {
    value = readU32(cursor)
    least = 0x10000
  } else {
    const low = readU32(cursor)
    const high = readU32(cursor)
    value = high === 0 ? low : Number.POSITIVE_INFINITY
    least = 0x100000000
  }
  if (value < least) fail(cursor, `non-canonical compact size ${value}`, start)
  if (value > maxCompactSize) fail(cursor, `compact size exceeds ${maxCompactSize}`, start)
  return value
}

/**
 * A count of items that each take at least `minItemSize` bytes: rejected up front when the
 * remaining bytes cannot hold them, so a hostile count cannot make the decoder allocate or loop.
 */
export function readCount(cursor: Cursor, minItemSize: number, noun: string): number {
  const start = cursor.pos
  const count = readCompactSize(cursor)
  const left = remaining(cursor)
  if (count * minItemSize > left) {
    fail(cursor, `claims ${plural(count, noun)} but only ${plural(left, 'byte')} remain`, start)
  }
  return count
}

/** `1 input`, `2 inputs`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** A length-prefixed byte string (script, witness item), checked against the remaining bytes. */
export function readVarBytes(cursor: Cursor): Uint8Array {
  return readBytes(cursor, readCompactSize(cursor))
}
