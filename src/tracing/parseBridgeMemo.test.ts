import { expect, test } from 'vitest'
import { parseBridgeMemo } from './parseBridgeMemo.js'

test.each([
  [
    'SWAP:BTC.BTC:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh:1234',
    {
      asset: 'BTC.BTC',
      chain: 'bitcoin',
      address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh',
      limit: '1234',
    },
  ],
  [
    '=:BTC.BTC:BC1QDEST:0/1/0:t:0',
    { asset: 'BTC.BTC', chain: 'bitcoin', address: 'bc1qdest', limit: '0/1/0' },
  ],
  [
    's:b:1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
    {
      asset: 'BTC.BTC',
      chain: 'bitcoin',
      address: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
      limit: null,
    },
  ],
  [
    'swap:eth.usdt-0xdac17f958d2ee523a2206206994597c13d831ec7:0xABCDEF0000000000000000000000000000000001',
    {
      asset: 'ETH.usdt-0xdac17f958d2ee523a2206206994597c13d831ec7',
      chain: 'ethereum',
      address: '0xabcdef0000000000000000000000000000000001',
      limit: null,
    },
  ],
  [
    '=:LTC.LTC:ltc1qsomething',
    { asset: 'LTC.LTC', chain: null, address: 'ltc1qsomething', limit: null },
  ],
  ['=:BTC/BTC:thor1abc', { asset: 'BTC/BTC', chain: null, address: 'thor1abc', limit: null }],
])('args: %s', (memo, expected) => {
  expect(parseBridgeMemo(memo)).toEqual(expected)
})

test.each([['ADD:BTC.BTC:bc1q'], ['=:BTC.BTC'], ['=::bc1q'], ['OUT:ABCD'], ['']])(
  'error: %s is not a swap memo with a destination',
  (memo) => {
    expect(parseBridgeMemo(memo)).toBeNull()
  },
)
