import { ChainwatchError } from '../errors/index.js'

/** How a chain moves value: unspent outputs (Bitcoin) or account balances (EVM). */
export type ChainModel = 'utxo' | 'account'

export type ChainInfo = {
  readonly id: string
  readonly model: ChainModel
  /** Ticker of the native asset; amounts are in its base unit (satoshi, wei). */
  readonly nativeAsset: string
  readonly decimals: number
}

export const chains = {
  bitcoin: { id: 'bitcoin', model: 'utxo', nativeAsset: 'BTC', decimals: 8 },
  ethereum: { id: 'ethereum', model: 'account', nativeAsset: 'ETH', decimals: 18 },
} as const satisfies Record<string, ChainInfo>

/** A chain Chainwatch knows. */
export type ChainId = keyof typeof chains

export function isChainId(value: string): value is ChainId {
  return Object.hasOwn(chains, value)
}

/** Parses a chain name (`bitcoin`, `ethereum`), or throws `chain.unknown`. */
export function parseChainId(value: string): ChainId {
  if (isChainId(value)) return value
  throw new ChainwatchError('chain.unknown', `Chain "${value}" is not known.`, {
    meta: { input: value, known: Object.keys(chains).join(', ') },
  })
}
