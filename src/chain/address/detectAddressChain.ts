import { type AddressChain, addressChains } from './AddressChain.js'
import { decodeAddress } from './decodeAddress.js'

/**
 * The chains of which `input` is a valid address (checksum included); empty when none. The
 * formats do not overlap today, so the list has at most one entry, but callers should not
 * rely on that.
 *
 * @example
 * detectAddressChain('TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre') // ['tron']
 */
export function detectAddressChain(input: string): readonly AddressChain[] {
  return addressChains.filter((chain) => typeof decodeAddress(chain, input) !== 'string')
}
