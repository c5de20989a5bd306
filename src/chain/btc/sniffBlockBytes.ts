import { networkOfMagic } from './BitcoinNetwork.js'

/**
 * How a block file is laid out: `blk` (Bitcoin Core blk*.dat: magic + length + block, repeated),
 * `raw` (one serialized block), `hex` (hex text, one block per line) or `bzip2` (compressed).
 */
export type BlockFileFormat = 'blk' | 'raw' | 'hex' | 'bzip2'

/** Bytes `sniffBlockBytes` needs to tell every format apart (a header plus the tx count). */
export const sniffLength = 81

/**
 * Detects the layout of a block file from its first bytes (pass at least `sniffLength`), or null
 * when they look like none. `raw` is a heuristic: a plausible header version and difficulty
 * exponent, and a non-zero transaction count.
 *
 * @example
 * sniffBlockBytes(firstBytes) // 'blk'
 */
export function sniffBlockBytes(firstBytes: Uint8Array): BlockFileFormat | null {
  const [b0, b1, b2, b3] = firstBytes
  // 'BZh' then the block size digit '1'..'9'.
  if (b0 === 0x42 && b1 === 0x5a && b2 === 0x68 && b3 !== undefined && b3 >= 0x31 && b3 <= 0x39) {
    return 'bzip2'
  }
  if (networkOfMagic(firstBytes) !== null) return 'blk'
  if (looksLikeHex(firstBytes)) return 'hex'
  if (looksLikeRawBlock(firstBytes)) return 'raw'
  return null
}

function isHexDigit(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x46) ||
    (byte >= 0x61 && byte <= 0x66)
  )
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

/** Hex digits and whitespace only: binary block bytes are never all printable hex. */
function looksLikeHex(bytes: Uint8Array): boolean {
  let digits = 0
  for (const byte of bytes) {
    if (isHexDigit(byte)) digits += 1
    else if (!isSpace(byte)) return false
  }
  return digits > 0
}

function looksLikeRawBlock(bytes: Uint8Array): boolean {
  if (bytes.length < sniffLength) return false
  const version = new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true)
  // Versions 1..4, or BIP 9 version bits (top three bits 001).
  const plausibleVersion = (version >= 1 && version <= 4) || (version & 0xe0000000) === 0x20000000
  // The exponent byte of `bits`: targets span 3..32 bytes.
  const exponent = bytes[75] ?? 0
  return plausibleVersion && exponent >= 0x03 && exponent <= 0x21 && bytes[80] !== 0
}
