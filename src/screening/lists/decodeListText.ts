import { listInvalid } from './listInvalid.js'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
// Keeps a BOM as U+FEFF so that character offsets map back to byte offsets.
const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * The text of a list file: UTF-8 without its BOM. Binary data (any NUL byte) and bytes that are
 * not UTF-8 make the whole file invalid, with the line and byte of the first bad byte.
 *
 * @throws ChainwatchError `list.invalid`
 */
export function decodeListText(bytes: Uint8Array, file?: string | undefined): string {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    throw listInvalid({
      file,
      where: `line ${lineOfByte(bytes, nul)}, byte ${nul}`,
      reason: 'it holds a NUL byte (binary data, not a text list)',
    })
  }
  try {
    return strictUtf8.decode(bytes)
  } catch (cause) {
    // V8 strings stop at 2^29 - 24 characters: a bigger file cannot be read as one text.
    if (cause instanceof RangeError) {
      throw listInvalid({ file, reason: `it is too large to read (${bytes.length} bytes)`, cause })
    }
    const bad = firstInvalidUtf8(bytes)
    throw listInvalid({
      file,
      where: bad === undefined ? undefined : `line ${bad.line}, byte ${bad.offset}`,
      reason: 'it is not UTF-8 text',
      cause,
    })
  }
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1
  let at = bytes.indexOf(0x0a)
  while (at !== -1 && at < offset) {
    line += 1
    at = bytes.indexOf(0x0a, at + 1)
  }
  return line
}

/** Only called once decoding failed: finds the first U+FFFD that does not stand for EF BF BD. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; offset: number } | undefined {
  const text = lossyUtf8.decode(bytes)
  let from = 0
  let offset = 0
  let line = 1
  for (;;) {
    const at = text.indexOf('\uFFFD', from)
    if (at === -1) return undefined
    const before = text.slice(from, at)
    offset += Buffer.byteLength(before)
    line += before.split('\n').length - 1
    const genuine =
      bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd
    if (!genuine) return { line, offset }
    offset += 3
    from = at + 1
  }
}
