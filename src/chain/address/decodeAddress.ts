import type { AddressChain } from './AddressChain.js'
import type { BitcoinNetwork, ParsedAddress } from './ParsedAddress.js'
import { parseBitcoinAddress } from './parseBitcoinAddress.js'
import { parseEvmAddress } from './parseEvmAddress.js'
import { parseTronAddress } from './parseTronAddress.js'

/**
 * Parses `input` as an address of `chain`, or returns the reason it is not one. Returning the
 * reason instead of throwing keeps `isValidAddress` cheap on bulk inputs.
 */
export function decodeAddress(
  chain: AddressChain,
  input: string,
  network?: BitcoinNetwork | undefined,
): ParsedAddress | string {
  switch (chain) {
    case 'bitcoin':
      return parseBitcoinAddress(input, network)
    case 'ethereum':
      return parseEvmAddress(input)
    case 'tron':
      return parseTronAddress(input)
  }
}
