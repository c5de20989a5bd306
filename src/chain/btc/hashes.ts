import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'

/** Bitcoin's hash256: SHA-256 of SHA-256 over the concatenation of `parts`. */
export function hash256(...parts: readonly Uint8Array[]): Uint8Array {
  const inner = sha256.create()
  for (const part of parts) inner.update(part)
  return sha256(inner.digest())
}

/** Bitcoin's hash160: RIPEMD-160 of SHA-256, the hash inside P2PKH and P2SH addresses. */
export function hash160(bytes: Uint8Array): Uint8Array {
  return ripemd160(sha256(bytes))
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Hex of `bytes` in reverse order: how Bitcoin displays block hashes and txids. */
export function reversedHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let hex = ''
  for (let i = end - 1; i >= start; i--) hex += byteHex[bytes[i] ?? 0]
  return hex
}

/** Bytes of a displayed (reversed) hash; `hex` must be valid even-length hex. */
export function bytesOfReversedHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) {
    bytes[bytes.length - 1 - i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  }
  return bytes
}

export function isAllZero(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false
  return true
}
