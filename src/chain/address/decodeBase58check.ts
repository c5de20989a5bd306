import { sha256 } from '@noble/hashes/sha2.js'
import { base58, createBase58check } from '@scure/base'
import { displayChar } from './displayInput.js'

const base58check = createBase58check(sha256)
const base58Alphabet = /^[1-9A-HJ-NP-Za-km-z]*$/
const checksumLength = 4

/**
 * Decodes a base58check string that must carry `payloadLength` bytes (version byte included),
 * or returns why it cannot. Callers bound the input length first: base58 decoding is quadratic.
 */
export function decodeBase58check(input: string, payloadLength: number): Uint8Array | string {
  if (!base58Alphabet.test(input)) {
    const position = [...input].findIndex((char) => !base58Alphabet.test(char))
    const char = [...input][position] ?? ''
    return `invalid base58 character ${displayChar(char)} at position ${position}`
  }
  const raw = base58.decode(input)
  const expected = payloadLength + checksumLength
  if (raw.length !== expected) {
    return `decodes to ${raw.length} bytes (expected ${expected}: ${payloadLength} of payload and a 4-byte checksum)`
  }
  try {
    return base58check.decode(input)
  } catch {
    // The alphabet and length are already checked: only the checksum can be wrong.
    return 'invalid base58check checksum'
  }
}
