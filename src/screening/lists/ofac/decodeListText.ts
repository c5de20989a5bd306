import { listInvalid } from './listInvalid.js'

const CTRL_Z = 0x1a

export type DecodeListTextParameters = {
  readonly bytes: Uint8Array
  /** Name used in errors. */
  readonly file: string
}

/**
 * Decodes an OFAC text file (CSV): refuses UTF-16 and binary data, drops the DOS end-of-file
 * byte (0x1A), and reads UTF-8 when the bytes are valid UTF-8, latin-1 otherwise.
 *
 * Latin-1 cannot be told from other 8-bit encodings, but valid UTF-8 is almost never latin-1
 * text with accents, so the check makes both the legacy files and UTF-8 exports read right.
 *
 * @throws ChainwatchError `list.invalid` naming the first offending byte.
 */
export function decodeListText(params: DecodeListTextParameters): string {
  const { bytes, file } = params
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw listInvalid({
      file,
      line: 1,
      reason: 'UTF-16 text (byte-order mark); expected latin-1 or UTF-8',
    })
  }
  const end = contentEnd(bytes)
  // Stops at the first control byte, so megabytes of binary garbage fail at once.
  let line = 1
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] ?? 0
    if (byte >= 0x20) continue
    if (byte === 0x0a) line++
    else if (byte !== 0x0d && byte !== 0x09) {
      const what = byte === 0 ? 'NUL byte (UTF-16 or binary data?)' : `control byte 0x${hex(byte)}`
      throw listInvalid({ file, line, reason: `${what} at offset ${i}; not a text file` })
    }
  }
  const content = bytes.subarray(0, end)
  const hasUtf8Bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch (cause) {
    if (hasUtf8Bom)
      throw listInvalid({ file, reason: 'invalid UTF-8 after a UTF-8 byte-order mark', cause })
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1')
  }
}

/** Length without the trailing Ctrl-Z (and any line breaks or spaces after it). */
function contentEnd(bytes: Uint8Array): number {
  let end = bytes.length
  while (end > 0 && isTrailingSpace(bytes[end - 1] ?? 0)) end--
  return end > 0 && bytes[end - 1] === CTRL_Z ? end - 1 : bytes.length
}

function isTrailingSpace(byte: number): boolean {
  return byte === 0x0d || byte === 0x0a || byte === 0x20
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
