import { ChainwatchError } from '../../errors/index.js'
import type { AddressChain } from './AddressChain.js'
import { decodeAddress } from './decodeAddress.js'
import { invalidAddress } from './invalidAddress.js'
import type { BitcoinNetwork, ParsedAddress, ParsedAddressOf } from './ParsedAddress.js'

export type ParseAddressParameters<C extends AddressChain = AddressChain> = {
  readonly chain: C
  readonly input: string
  /** Bitcoin only: require this network (default: accept any). */
  readonly network?: (C extends 'bitcoin' ? BitcoinNetwork : never) | undefined
}

export type ParseAddressResult<C extends AddressChain = AddressChain> = ParsedAddressOf<C>

/**
 * Validates an address of `chain` and returns its type, network and normalised (stored) form.
 *
 * @param params - {@link ParseAddressParameters}
 * @returns {@link ParseAddressResult}
 * @throws ChainwatchError `address.invalid`, with the precise reason in `details`.
 * @example
 * parseAddress({ chain: 'bitcoin', input: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4' })
 * // { chain: 'bitcoin', type: 'p2wpkh', network: 'mainnet', normalized: 'bc1qw508…', … }
 */
export function parseAddress<C extends AddressChain>(
  params: ParseAddressParameters<C>,
): ParseAddressResult<C> {
  const { chain, input, network } = params
  const parsed = decodeAddress(chain, input, network)
  if (typeof parsed === 'string') throw invalidAddress({ chain, input, reason: parsed, network })
  if (!isOfChain(parsed, chain)) {
    throw new ChainwatchError('internal', 'Address decoder returned another chain.', {
      meta: { chain, returned: parsed.chain },
    })
  }
  return parsed
}

function isOfChain<C extends AddressChain>(
  parsed: ParsedAddress,
  chain: C,
): parsed is ParsedAddressOf<C> {
  return parsed.chain === chain
}
