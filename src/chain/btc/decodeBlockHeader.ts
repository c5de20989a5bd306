import { at, type Cursor, createCursor, readBytes, readI32, readU32 } from './Cursor.js'
import type { DecodedBlockHeader } from './DecodedBlock.js'
import { hash256, reversedHex } from './hashes.js'

/** Reads the 80-byte header at the cursor. */
export function readBlockHeader(cursor: Cursor): DecodedBlockHeader {
  const start = cursor.pos
  at(cursor, 'header', -1, 'version')
  const version = readI32(cursor)
  at(cursor, 'header', -1, 'previous block hash')
  const prevHash = reversedHex(readBytes(cursor, 32))
  at(cursor, 'header', -1, 'merkle root')
  const merkleRoot = reversedHex(readBytes(cursor, 32))
  at(cursor, 'header', -1, 'time')
  const time = readU32(cursor)
  at(cursor, 'header', -1, 'bits')
  const bits = readU32(cursor)
  at(cursor, 'header', -1, 'nonce')
  const nonce = readU32(cursor)
  const hash = reversedHex(hash256(cursor.bytes.subarray(start, cursor.pos)))
  return { hash, version, prevHash, merkleRoot, time, bits, nonce }
}

/**
 * Decodes a block header: the first 80 bytes of `bytes` (a header alone, or a whole block).
 *
 * @example
 * decodeBlockHeader(bytes).hash // '000000000019d6689c08…'
 */
export function decodeBlockHeader(bytes: Uint8Array): DecodedBlockHeader {
  return readBlockHeader(createCursor(bytes, 'Block'))
}
