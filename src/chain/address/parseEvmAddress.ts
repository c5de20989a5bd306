import { displayChar } from './displayInput.js'
import { eip55Checksum } from './eip55Checksum.js'
import type { EvmAddress } from './ParsedAddress.js'

// The bulk-import path: stored addresses are lowercase, so most inputs end here without hashing.
const lowercase = /^0x[0-9a-f]{40}$/
const uppercase = /^0x[0-9A-F]{40}$/
const anyCase = /^0x[0-9a-fA-F]{40}$/
const hexDigit = /^[0-9a-fA-F]$/

/**
 * Parses an EVM address, or returns why it is not one. All-lowercase and all-uppercase digits
 * carry no checksum; mixed case must be EIP-55.
 */
export function parseEvmAddress(input: string): EvmAddress | string {
  if (lowercase.test(input)) return { chain: 'ethereum', type: 'evm', normalized: input }
  if (uppercase.test(input)) {
    return { chain: 'ethereum', type: 'evm', normalized: `0x${input.slice(2).toLowerCase()}` }
  }
  if (anyCase.test(input)) {
    const digits = input.slice(2).toLowerCase()
    const expected = eip55Checksum(digits)
    if (input !== expected) return `EIP-55 checksum mismatch (expected ${expected})`
    return { chain: 'ethereum', type: 'evm', normalized: `0x${digits}` }
  }
  return malformed(input)
}

function malformed(input: string): string {
  if (input.length === 0) return 'empty string'
  if (!input.startsWith('0x')) {
    return input.startsWith('0X') ? 'prefix must be lowercase 0x' : 'missing 0x prefix'
  }
  const digits = input.slice(2)
  if (digits.length !== 40) return `not 40 hex characters after 0x (got ${digits.length})`
  const position = [...digits].findIndex((char) => !hexDigit.test(char))
  return `invalid hex character ${displayChar(digits.charAt(position))} at position ${position + 2}`
}
