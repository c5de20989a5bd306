import { expect, test } from 'vitest'
import * as address from './index.js'

test('exports', () => {
  expect(Object.keys(address)).toMatchInlineSnapshot(`
    [
      "addressChains",
      "detectAddressChain",
      "encodeBitcoinAddress",
      "isValidAddress",
      "normalizeAddress",
      "parseAddress",
      "toChecksumAddress",
    ]
  `)
})
