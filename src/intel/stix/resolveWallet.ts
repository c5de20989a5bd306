import {
  type AddressChain,
  addressChains,
  detectAddressChain,
  normalizeAddress,
} from '../../chain/index.js'
import { isChainwatchError } from '../../errors/index.js'

export type ResolvedWallet =
  | { readonly ok: true; readonly chain: AddressChain; readonly address: string }
  | { readonly ok: false; readonly reason: string }

/**
 * Reads a received wallet value with src/chain's codecs: on the chain the producer states (our
 * extension, MISP's `btc`), else on the one chain whose format it matches. Invalid → a reason.
 */
export function resolveWallet(value: string, chainHint: string | null): ResolvedWallet {
  const input = value.trim()
  if (chainHint !== null) {
    const chain = addressChains.find((known) => known === chainHint)
    if (chain === undefined)
      return {
        ok: false,
        reason: `address "${short(input)}": chain "${chainHint}" is not supported`,
      }
    try {
      return { ok: true, chain, address: normalizeAddress(chain, input) }
    } catch (error) {
      if (isChainwatchError(error, 'address.invalid'))
        return { ok: false, reason: `address "${short(input)}" is not a valid ${chain} address` }
      throw error
    }
  }
  const matches = detectAddressChain(input)
  const chain = matches[0]
  if (chain === undefined || matches.length > 1)
    return {
      ok: false,
      reason:
        matches.length > 1
          ? `address "${short(input)}" is ambiguous between ${matches.join(', ')}`
          : `address "${short(input)}" is not a valid ${addressChains.join(', ')} address`,
    }
  return { ok: true, chain, address: normalizeAddress(chain, input) }
}

function short(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value
}
