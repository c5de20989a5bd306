import { expect, test } from 'vitest'
import { resolveOfacAddress } from './resolveOfacAddress.js'

// Addresses from the real 2024-05 sdn.csv (ent_num in `where`).
test.each([
  {
    ticker: 'XBT',
    address: '1MLPqwaFFUBZePTjpR3nxRoK19Cv9mPCc7',
    chain: 'bitcoin',
    normalized: '1MLPqwaFFUBZePTjpR3nxRoK19Cv9mPCc7',
  },
  {
    ticker: 'XBT',
    address: 'bc1qfg4gfg0y6t6xjnpmlhuwx5k0wlw6nmfzxn2psc',
    chain: 'bitcoin',
    normalized: 'bc1qfg4gfg0y6t6xjnpmlhuwx5k0wlw6nmfzxn2psc',
  },
  // The ticker lies: OFAC lists this Tron address under XBT (ent_num 45404).
  {
    ticker: 'XBT',
    address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq',
    chain: 'tron',
    normalized: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq',
  },
  {
    ticker: 'ETH',
    address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    chain: 'ethereum',
    normalized: '0x098b716b8aaf21512996dc57eb0615e2383e2f96',
  },
  {
    ticker: 'ETC',
    address: '0xd882cfc20f52f2599d84b8e8d58c7fb62cfe344b',
    chain: 'ethereum',
    normalized: '0xd882cfc20f52f2599d84b8e8d58c7fb62cfe344b',
  },
  {
    ticker: 'ARB',
    address: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c',
    chain: 'ethereum',
    normalized: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c',
  },
  // USDT lives on Omni (Bitcoin), EVM chains and Tron.
  {
    ticker: 'USDT',
    address: '3LtcaPbCj87CwJHnRX3vh7c2y9RZQqeSy8',
    chain: 'bitcoin',
    normalized: '3LtcaPbCj87CwJHnRX3vh7c2y9RZQqeSy8',
  },
  {
    ticker: 'USDT',
    address: '0x38735f03b30FbC022DdD06ABED01F0Ca823C6a94',
    chain: 'ethereum',
    normalized: '0x38735f03b30fbc022ddd06abed01f0ca823c6a94',
  },
  {
    ticker: 'USDT',
    address: 'TVacWx7F5wgMgn49L5frDf9KLgdYy8nPHL',
    chain: 'tron',
    normalized: 'TVacWx7F5wgMgn49L5frDf9KLgdYy8nPHL',
  },
  {
    ticker: 'TRX',
    address: 'TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG',
    chain: 'tron',
    normalized: 'TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG',
  },
])('default: $ticker $address', ({ ticker, address, chain, normalized }) => {
  expect(resolveOfacAddress({ ticker, address, where: 'ent_num 1' })).toEqual({
    kind: 'address',
    chain,
    address: normalized,
  })
})

test.each([
  { ticker: 'LTC', address: 'LeKvNdNEzgQkzVVnRdV3fAu2DSF1nLsNw6', reason: 'no codec for LTC' },
  {
    ticker: 'XMR',
    address:
      '5BpAUTSpsTtuQ3ogbkWQmDPSJNc79NJmxhMd3rJRNDn6zCmBd3y6A7MLf7KYQDeUnqUfrAG7X1hw1Pt6M8D9wQFqRvPSNY1',
    reason: 'no codec for XMR',
  },
  // A BCH or BSV legacy address is also a valid Bitcoin address, but not the designated one.
  { ticker: 'BSV', address: '1KUUJPkyDhamZXgpsyXqNGc3x1QPXtdhgz', reason: 'no codec for BSV' },
  {
    ticker: 'ETH',
    address: '0x39D908DAC893CBCB53Cc86e0ECc369aA4DeF1A29',
    reason:
      'invalid ethereum address: EIP-55 checksum mismatch (expected 0x39D908dac893CBCB53Cc86e0ECc369aA4DeF1A29)',
  },
  // Cut at the 1,000-character cap (ent_num 37070 without its overflow row).
  { ticker: 'XBT', address: '3F6bbvS1krsc1qR8FsbTDfYQyvkMm', reason: 'invalid bitcoin address: ' },
])('error: $ticker $address', ({ ticker, address, reason }) => {
  const result = resolveOfacAddress({ ticker, address, where: 'ent_num 37070' })
  expect(result.kind).toBe('rejected')
  if (result.kind !== 'rejected') return
  expect(result.rejection.where).toBe('ent_num 37070')
  expect(result.rejection.input).toBe(`${ticker} ${address}`)
  expect(result.rejection.reason.startsWith(reason)).toBe(true)
})
