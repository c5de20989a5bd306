import type { AddressChain } from './AddressChain.js'
import { decodeAddress } from './decodeAddress.js'

/**
 * True when `input` is a valid address of `chain` (any Bitcoin network). Does not throw.
 *
 * @example
 * isValidAddress('ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') // true
 */
export function isValidAddress(chain: AddressChain, input: string): boolean {
  return typeof decodeAddress(chain, input) !== 'string'
}
