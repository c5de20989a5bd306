import { ChainwatchError } from '../errors/index.js'

/** How a chain moves value: unspent outputs (Bitcoin) or account balances (EVM). */
export type ChainModel = 'utxo' | 'account'

export type ChainInfo = {
  readonly id: string
  readonly model: ChainModel
  /** Ticker of the native asset; amounts are in its base unit (satoshi, wei). */
  readonly nativeAsset: string
  readonly decimals: number
  /**
   * Wrapped-native token contracts (WETH9 and its kind), whose `Deposit`/`Withdrawal` events mint
   * and burn the token 1:1 for the native coin without a Transfer log. Only these are read as
   * wraps: many other contracts emit events of the same signature with other meanings.
   */
  readonly wrappedNative: readonly string[]
}

export const chains = {
  bitcoin: { id: 'bitcoin', model: 'utxo', nativeAsset: 'BTC', decimals: 8, wrappedNative: [] },
  ethereum: {
    id: 'ethereum',
    model: 'account',
    nativeAsset: 'ETH',
    decimals: 18,
    // WETH9, https://etherscan.io/address/0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2
    wrappedNative: ['0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'],
  },
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
