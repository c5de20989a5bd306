import { expect, test } from 'vitest'
import { resolveListAddress } from './resolveListAddress.js'

test.each([
  [
    ' 0x098B716B8Aaf21512996dC57EB0615e2383E2f96 ',
    undefined,
    { chain: 'ethereum', address: '0x098b716b8aaf21512996dc57eb0615e2383e2f96' },
  ],
  [
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    undefined,
    { chain: 'bitcoin', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
  ],
  [
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    ['tron'] as const,
    { chain: 'tron', address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' },
  ],
  ['', undefined, { reason: 'empty address' }],
  [
    '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    ['bitcoin'] as const,
    { reason: 'not a valid bitcoin address: invalid base58 character "0" at position 0' },
  ],
  [
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u',
    undefined,
    { reason: 'not a valid tron address: invalid base58check checksum' },
  ],
])('%s', (input, chains, expected) => {
  expect(resolveListAddress(input, chains)).toEqual(expected)
})
