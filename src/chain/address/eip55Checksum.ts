import { keccak_256 } from '@noble/hashes/sha3.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * EIP-55: the 40 lowercase hex digits of an address with each letter uppercased when the
 * matching nibble of keccak256(those digits as ASCII) is 8 or more. Returns `0x…`.
 */
export function eip55Checksum(lowercaseHex: string): string {
  const hash = keccak_256(utf8ToBytes(lowercaseHex))
  let result = '0x'
  for (let i = 0; i < lowercaseHex.length; i++) {
    const byte = hash[i >> 1] ?? 0
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f
    const char = lowercaseHex.charAt(i)
    result += nibble >= 8 ? char.toUpperCase() : char
  }
  return result
}
