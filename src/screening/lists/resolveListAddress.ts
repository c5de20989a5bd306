import {
  type AddressChain,
  addressChains,
  detectAddressChain,
  parseAddress,
} from '../../chain/index.js'
import { isChainwatchError } from '../../errors/index.js'

/** A list's address, validated and in its stored form. */
export type ListAddress = { readonly chain: AddressChain; readonly address: string }

/** Why a list's address cannot be used. */
export type ListAddressProblem = { readonly reason: string }

/**
 * Validates an address taken from a list against the chains it may belong to (default: all) and
 * returns its chain and normalised form, or the reason it is not an address. Never throws.
 *
 * @example
 * resolveListAddress(' 0x098B716B8Aaf21512996dC57EB0615e2383E2f96 ')
 * // { chain: 'ethereum', address: '0x098b716b8aaf21512996dc57eb0615e2383e2f96' }
 */
export function resolveListAddress(
  input: string,
  chains: readonly AddressChain[] = addressChains,
): ListAddress | ListAddressProblem {
  const trimmed = input.trim()
  if (trimmed === '') return { reason: 'empty address' }
  const matches = detectAddressChain(trimmed).filter((chain) => chains.includes(chain))
  const [chain] = matches
  if (chain !== undefined && matches.length === 1) {
    return { chain, address: parseAddress({ chain, input: trimmed }).normalized }
  }
  if (matches.length > 1) return { reason: `ambiguous: valid on ${matches.join(' and ')}` }
  return { reason: whyInvalid(trimmed, chains) }
}

function whyInvalid(input: string, chains: readonly AddressChain[]): string {
  const chain = likelyChain(input, chains)
  try {
    parseAddress({ chain, input })
  } catch (error) {
    if (isChainwatchError(error, 'address.invalid') && error.details !== undefined) {
      return `not a valid ${chain} address: ${error.details}`
    }
  }
  return `not a valid ${chain} address`
}

/** The chain whose reason is most useful to the reader, guessed from the address's shape. */
function likelyChain(input: string, chains: readonly AddressChain[]): AddressChain {
  const byShape: AddressChain = /^0x/i.test(input)
    ? 'ethereum'
    : input.startsWith('T')
      ? 'tron'
      : 'bitcoin'
  if (chains.includes(byShape)) return byShape
  return chains[0] ?? byShape
}
