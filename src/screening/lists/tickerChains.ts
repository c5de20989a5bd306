import { type AddressChain, addressChains } from '../../chain/index.js'

/**
 * Currency tickers whose addresses Chainwatch can read, and the address formats each may use.
 *
 * | ticker              | chains                    | why                                          |
 * |---------------------|---------------------------|----------------------------------------------|
 * | XBT, BTC            | bitcoin                   | OFAC writes XBT, everyone else BTC           |
 * | ETH, ETC, ARB, BSC  | ethereum                  | EVM chains share the 20-byte address format  |
 * | TRX                 | tron                      |                                              |
 * | USDT, USDC          | bitcoin, ethereum, tron   | tokens on several chains (OFAC lists Omni    |
 * |                     |                           | USDT `3E6Z…`, ERC-20 `0x…` and TRC-20 `T…`)   |
 * | (none given)        | bitcoin, ethereum, tron   | the address format decides                   |
 *
 * Anything else (XMR, LTC, ZEC, DASH, …) has no codec here.
 */
const chainsOf: Readonly<Record<string, readonly AddressChain[]>> = {
  XBT: ['bitcoin'],
  BTC: ['bitcoin'],
  ETH: ['ethereum'],
  ETC: ['ethereum'],
  ARB: ['ethereum'],
  BSC: ['ethereum'],
  TRX: ['tron'],
  USDT: addressChains,
  USDC: addressChains,
}

/**
 * The chains an address listed under `ticker` may belong to (case-insensitive); `undefined` when
 * Chainwatch has no codec for the ticker.
 *
 * @example
 * tickerChains('XBT') // ['bitcoin']
 * tickerChains('XMR') // undefined
 */
export function tickerChains(ticker: string | undefined): readonly AddressChain[] | undefined {
  if (ticker === undefined || ticker.trim() === '') return addressChains
  return Object.hasOwn(chainsOf, ticker.trim().toUpperCase())
    ? chainsOf[ticker.trim().toUpperCase()]
    : undefined
}
