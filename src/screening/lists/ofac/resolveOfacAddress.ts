import { type AddressChain, detectAddressChain, parseAddress } from '../../../chain/index.js'
import { isChainwatchError } from '../../../errors/index.js'
import type { ListRejection } from '../../ListEntry.js'

/**
 * OFAC tickers whose addresses one of our codecs reads, with the chain the ticker implies.
 * `ethereum` stands for every EVM chain (ETC, Arbitrum, BNB Smart Chain use the same format);
 * USDT/USDC are tokens on several chains, so the address decides (see `resolveOfacAddress`).
 */
export const ofacTickerChains: Readonly<Record<string, AddressChain>> = {
  XBT: 'bitcoin',
  ETH: 'ethereum',
  ETC: 'ethereum',
  ARB: 'ethereum',
  BSC: 'ethereum',
  USDC: 'ethereum',
  USDT: 'ethereum',
  TRX: 'tron',
}

export type ResolveOfacAddressParameters = {
  readonly ticker: string
  readonly address: string
  /** Where in the source, for a rejection: `ent_num 27307`. */
  readonly where: string
}

export type ResolveOfacAddressResult =
  | { readonly kind: 'address'; readonly chain: AddressChain; readonly address: string }
  | { readonly kind: 'rejected'; readonly rejection: ListRejection }

/**
 * Maps an OFAC `Digital Currency Address - TICKER ADDRESS` to a chain and normalised address.
 * The address, not the ticker, decides the chain: OFAC lists a Tron address under XBT, and
 * USDT under Bitcoin (Omni), EVM and Tron addresses. Tickers without a codec (XMR, LTC, …)
 * and addresses no codec accepts come back as rejections, never dropped.
 *
 * @example
 * resolveOfacAddress({ ticker: 'XBT', address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', where: 'ent_num 45404' })
 * // { kind: 'address', chain: 'tron', address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq' }
 */
export function resolveOfacAddress(params: ResolveOfacAddressParameters): ResolveOfacAddressResult {
  const { ticker, address, where } = params
  const input = `${ticker} ${address}`
  const implied = ofacTickerChains[ticker]
  if (implied === undefined) {
    return { kind: 'rejected', rejection: { where, input, reason: `no codec for ${ticker}` } }
  }
  const detected = detectAddressChain(address)
  const chain = detected.includes(implied) ? implied : detected[0]
  if (chain !== undefined) {
    return { kind: 'address', chain, address: parseAddress({ chain, input: address }).normalized }
  }
  return { kind: 'rejected', rejection: { where, input, reason: invalidReason(implied, address) } }
}

/** The codec's own reason: `invalid ethereum address: EIP-55 checksum mismatch (…)`. */
function invalidReason(chain: AddressChain, address: string): string {
  try {
    parseAddress({ chain, input: address })
  } catch (error) {
    if (!isChainwatchError(error, 'address.invalid')) throw error
    return `invalid ${chain} address: ${error.details ?? error.shortMessage}`
  }
  return `not an address of any chain Chainwatch reads`
}
