import { eip55Checksum } from './eip55Checksum.js'
import { parseAddress } from './parseAddress.js'

/**
 * The EIP-55 mixed-case form of an EVM address, for display.
 *
 * @throws ChainwatchError `address.invalid` when `address` is not an EVM address (or is mixed
 * case with a wrong checksum).
 * @example
 * toChecksumAddress('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359')
 * // '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
 */
export function toChecksumAddress(address: string): string {
  const { normalized } = parseAddress({ chain: 'ethereum', input: address })
  return eip55Checksum(normalized.slice(2))
}
