import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { detectAddressChain } from './index.js'

const ofac = new URL('../../../../shared/data/ofac-0xB10C/', import.meta.url)
const lines = (list: string): string[] =>
  readFileSync(new URL(`sanctioned_addresses_${list}.txt`, ofac), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

/** What a reader of the list would expect, from the leading characters alone. */
function expected(address: string): string[] {
  if (address.startsWith('0x')) return ['ethereum']
  if (address.startsWith('T')) return ['tron']
  return ['bitcoin']
}

test('default: OFAC XBT, ETH, TRX and USDT lists', () => {
  const addresses = ['XBT', 'ETH', 'TRX', 'USDT'].flatMap(lines)
  expect(addresses.map(detectAddressChain)).toEqual(addresses.map(expected))
})

test('behavior: addresses of other chains are not detected', () => {
  // Their base58 version bytes, lengths or bech32 prefixes differ from Bitcoin's and Tron's.
  const others = ['XMR', 'ZEC', 'LTC', 'DASH', 'XRP', 'XVG'].flatMap(lines)
  expect(others.length).toBeGreaterThan(0)
  expect(others.flatMap(detectAddressChain)).toEqual([])
})

test('behavior: garbage', () => {
  expect(detectAddressChain('')).toEqual([])
  expect(detectAddressChain('not an address')).toEqual([])
})
