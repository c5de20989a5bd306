import type { AddressChain } from './AddressChain.js'
import { parseAddress } from './parseAddress.js'

/**
 * The stored form of an address: lowercase for bech32 and EVM, unchanged for base58.
 *
 * @throws ChainwatchError `address.invalid` when `input` is not an address of `chain`.
 * @example
 * normalizeAddress('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
 * // '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
 */
export function normalizeAddress(chain: AddressChain, input: string): string {
  return parseAddress({ chain, input }).normalized
}
