import { ChainwatchError } from '../../errors/index.js'
import type { AddressChain } from './AddressChain.js'
import { displayInput } from './displayInput.js'
import type { BitcoinNetwork } from './ParsedAddress.js'

export type InvalidAddressParameters = {
  readonly chain: AddressChain
  readonly input: string
  /** Why the input is not an address, e.g. `invalid checksum`. */
  readonly reason: string
  /** The Bitcoin network the caller required, if any. */
  readonly network?: BitcoinNetwork | undefined
}

const chainLabels: Record<AddressChain, string> = {
  bitcoin: 'bitcoin',
  ethereum: 'EVM',
  tron: 'Tron',
}

/** Builds the `address.invalid` error for an input that is not an address of `chain`. */
export function invalidAddress(
  params: InvalidAddressParameters,
): ChainwatchError<'address.invalid'> {
  const { chain, input, reason, network } = params
  const shown = displayInput(input)
  const what = network === undefined ? chainLabels[chain] : `${chainLabels[chain]} ${network}`
  return new ChainwatchError(
    'address.invalid',
    `Address "${shown}" is not a valid ${what} address.`,
    {
      meta: network === undefined ? { chain, input: shown } : { chain, network, input: shown },
      details: reason,
    },
  )
}
