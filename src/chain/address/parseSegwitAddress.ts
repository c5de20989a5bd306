import { bech32, bech32m, hex } from '@scure/base'
import { displayChar } from './displayInput.js'
import type { BitcoinNetwork, BitcoinSegwitAddress } from './ParsedAddress.js'

/** Human-readable parts (BIP-173 registered prefixes) and their networks. */
export const segwitPrefixes: ReadonlyMap<string, BitcoinNetwork> = new Map([
  ['bc', 'mainnet'],
  ['tb', 'testnet'],
  ['bcrt', 'regtest'],
])

export const maxBech32Length = 90
const bech32Charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const checksumLength = 6
const printableAscii = /^[!-~]$/

/**
 * Parses a segwit address (BIP-173 / BIP-350) whose human-readable part is already known to be
 * `bc`, `tb` or `bcrt` (in any case), or returns why it is not valid. The checks and their
 * order follow the BIP-350 reference decoder, with a precise reason for each.
 */
export function parseSegwitAddress(
  input: string,
  network: BitcoinNetwork | undefined,
): BitcoinSegwitAddress | string {
  if (input.length > maxBech32Length) {
    return `too long: ${input.length} characters (a bech32 address has at most ${maxBech32Length})`
  }
  // Before any case folding: Unicode folds some characters into ASCII (the Kelvin sign into k).
  const nonAscii = [...input].findIndex((char) => !printableAscii.test(char))
  if (nonAscii >= 0) {
    return `invalid character ${displayChar([...input][nonAscii] ?? '')} at position ${nonAscii}`
  }
  const lower = input.toLowerCase()
  if (input !== lower && input !== input.toUpperCase()) {
    return 'mixed case (a bech32 address is all lowercase or all uppercase)'
  }
  const separator = lower.lastIndexOf('1')
  const prefix = lower.slice(0, separator)
  const found = segwitPrefixes.get(prefix)
  if (found === undefined) return unknownPrefix(prefix)
  const data = lower.slice(separator + 1)
  for (let position = 0; position < data.length; position++) {
    const char = data.charAt(position)
    if (!bech32Charset.includes(char)) {
      return `invalid bech32 character ${displayChar(char)} at position ${separator + 1 + position}`
    }
  }
  if (data.length < checksumLength) return 'data part shorter than the 6-character checksum'
  if (data.length === checksumLength) return 'empty data part (no witness version)'

  const asBech32 = bech32.decodeUnsafe(lower, maxBech32Length)
  const decoded = asBech32 ?? bech32m.decodeUnsafe(lower, maxBech32Length)
  if (!decoded) return 'invalid checksum (neither bech32 nor bech32m)'
  const encoding = asBech32 ? 'bech32' : 'bech32m'

  const [version = 0, ...programWords] = decoded.words
  const program = bech32.fromWordsUnsafe(programWords)
  if (!program) {
    return (programWords.length * 5) % 8 > 4
      ? 'invalid padding: more than 4 bits of padding in the 5-to-8-bit conversion'
      : 'invalid padding: non-zero padding bits in the 5-to-8-bit conversion'
  }
  if (program.length < 2 || program.length > 40) {
    return `invalid program length ${program.length} (must be 2 to 40 bytes)`
  }
  if (version > 16) return `invalid witness version ${version} (must be 0 to 16)`
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return `invalid program length ${program.length} for witness v0 (must be 20 or 32 bytes)`
  }
  if (version === 0 && encoding !== 'bech32') {
    return 'wrong checksum encoding: witness v0 requires bech32 (BIP-173), got bech32m'
  }
  if (version !== 0 && encoding !== 'bech32m') {
    return `wrong checksum encoding: witness v${version} requires bech32m (BIP-350), got bech32`
  }
  if (network !== undefined && found !== network) {
    return `network mismatch: a ${found} address (prefix "${prefix}"), expected ${network}`
  }
  return {
    chain: 'bitcoin',
    type: segwitType(version, program.length),
    network: found,
    normalized: lower,
    witnessVersion: version,
    program: hex.encode(program),
  }
}

/** The reason for a bech32-shaped input whose human-readable part is not a Bitcoin one. */
export function unknownPrefix(prefix: string): string {
  return `unknown human-readable part ${displayChar(prefix)} (expected bc, tb or bcrt)`
}

function segwitType(version: number, length: number): BitcoinSegwitAddress['type'] {
  if (version === 0) return length === 20 ? 'p2wpkh' : 'p2wsh'
  if (version === 1 && length === 32) return 'p2tr'
  return 'witness_unknown'
}
