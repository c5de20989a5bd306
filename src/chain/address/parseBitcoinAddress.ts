import type { BitcoinAddress, BitcoinNetwork } from './ParsedAddress.js'
import { parseLegacyAddress } from './parseLegacyAddress.js'
import {
  maxBech32Length,
  parseSegwitAddress,
  segwitPrefixes,
  unknownPrefix,
} from './parseSegwitAddress.js'

const bech32Shape = /^[!-~]+1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$/

/**
 * Parses any Bitcoin address, or returns why it is not one. A `bc1`/`tb1`/`bcrt1` prefix selects
 * bech32; anything else is tried as base58 (whose versions never start with `b` or `t`).
 */
export function parseBitcoinAddress(
  input: string,
  network: BitcoinNetwork | undefined,
): BitcoinAddress | string {
  if (input.length === 0) return 'empty string'
  if (input.length > maxBech32Length) {
    return `too long: ${input.length} characters (a bitcoin address has at most ${maxBech32Length})`
  }
  const lower = input.toLowerCase()
  const separator = lower.lastIndexOf('1')
  const prefix = lower.slice(0, Math.max(separator, 0))
  if (segwitPrefixes.has(prefix)) return parseSegwitAddress(input, network)
  const legacy = parseLegacyAddress(input, network)
  if (typeof legacy !== 'string') return legacy
  // A single-case string shaped like bech32 is more likely a segwit address of another chain.
  const singleCase = input === lower || input === input.toUpperCase()
  if (singleCase && bech32Shape.test(lower)) return unknownPrefix(prefix)
  return legacy
}
