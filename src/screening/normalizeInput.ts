import { type AddressChain, detectAddressChain, normalizeAddress } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'

/** A screened address as the user gave it, and as Chainwatch stores it. */
export type ScreenTarget = {
  readonly input: string
  readonly chain: AddressChain
  readonly address: string
}

/**
 * Detects the chain of a pasted address and normalises it; throws `address.invalid` when it is
 * valid on no chain Chainwatch knows.
 */
export function normalizeInput(input: string): ScreenTarget {
  const trimmed = input.trim()
  const [chain] = detectAddressChain(trimmed)
  if (chain === undefined) {
    const shown = trimmed.length > 100 ? `${trimmed.slice(0, 100)}…` : trimmed
    throw new ChainwatchError(
      'address.invalid',
      `"${shown}" is not a valid address on any supported chain.`,
      {
        meta: { input: shown },
        details: 'Supported: Bitcoin (base58, bech32, bech32m), EVM (0x…, EIP-55) and Tron (T…).',
      },
    )
  }
  return { input, chain, address: normalizeAddress(chain, trimmed) }
}
