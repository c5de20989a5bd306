import { hex } from '@scure/base'
import { decodeBase58check } from './decodeBase58check.js'
import type { TronAddress } from './ParsedAddress.js'

const tronVersion = 0x41
// 0x41 followed by 24 bytes always encodes to 34 base58 characters, the first one `T`.
const tronLength = 34
const hexForm = /^41[0-9a-fA-F]{40}$/

/** Parses a base58check Tron address, or returns why it is not one. */
export function parseTronAddress(input: string): TronAddress | string {
  if (input.length === 0) return 'empty string'
  if (hexForm.test(input)) return 'hex form (41…) is not accepted: use the base58 form (T…)'
  if (input.length !== tronLength) {
    return `${input.length} characters (a Tron address has ${tronLength})`
  }
  const payload = decodeBase58check(input, 21)
  if (typeof payload === 'string') return payload
  const version = payload[0] ?? 0
  if (version !== tronVersion) {
    return `unknown version byte 0x${version.toString(16).padStart(2, '0')} (expected 0x41)`
  }
  return { chain: 'tron', type: 'tron', normalized: input, hash: hex.encode(payload.subarray(1)) }
}
