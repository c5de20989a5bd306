import type { ChainId } from '../chain/index.js'

/** What a THORChain swap memo asks for: the asset to pay out and where. */
export type BridgeMemo = {
  /** `CHAIN.SYMBOL` as written (short codes expanded), e.g. `BTC.BTC`. */
  readonly asset: string
  /** The chain the payout goes to; null for one Chainwatch does not follow (or a synth). */
  readonly chain: ChainId | null
  readonly address: string
  /** The memo's limit field, if any (not interpreted). */
  readonly limit: string | null
}

/** THORChain's one-letter asset codes for the chains Chainwatch follows. */
const shortAssets: Readonly<Record<string, string>> = { b: 'BTC.BTC', e: 'ETH.ETH' }

/** THORChain chain prefixes of the chains Chainwatch follows. */
const chainOf: Readonly<Record<string, ChainId>> = { BTC: 'bitcoin', ETH: 'ethereum' }

/**
 * Parses a THORChain swap memo `SWAP:ASSET:DESTADDR[:LIMIT[:…]]` (`SWAP`, `s` or `=`, any case).
 * Returns null for other memos (add liquidity, withdraw…) or a memo without a destination.
 *
 * @example
 * parseBridgeMemo('=:BTC.BTC:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh:0/1/0')
 * // { asset: 'BTC.BTC', chain: 'bitcoin', address: 'bc1qxy2…', limit: '0/1/0' }
 */
export function parseBridgeMemo(memo: string): BridgeMemo | null {
  const [action = '', rawAsset = '', rawAddress = '', limit] = memo.trim().split(':')
  if (!['swap', 's', '='].includes(action.toLowerCase())) return null
  const address = rawAddress.trim()
  const written = shortAssets[rawAsset.trim()] ?? rawAsset.trim()
  if (address === '' || written === '') return null
  // `CHAIN.SYMBOL` pays out on that chain; synths (`BTC/BTC`) and trade assets stay on THORChain.
  const dot = written.indexOf('.')
  const prefix = dot > 0 ? written.slice(0, dot).toUpperCase() : ''
  const asset = dot > 0 ? `${prefix}${written.slice(dot)}` : written
  const chain = chainOf[prefix] ?? null
  return {
    asset,
    chain,
    // Bech32 is case-insensitive and stored lowercase, as are EVM addresses; base58 keeps its case.
    address:
      (chain === 'bitcoin' && /^bc1/i.test(address)) || chain === 'ethereum'
        ? address.toLowerCase()
        : address,
    limit: limit === undefined || limit === '' ? null : limit,
  }
}
