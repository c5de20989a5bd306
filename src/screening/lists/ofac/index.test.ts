import { expect, test } from 'vitest'
import * as ofac from './index.js'

test('exports', () => {
  expect(Object.keys(ofac)).toMatchInlineSnapshot(`
    [
      "parseOfacSdnAdvancedXml",
      "parseOfacSdnCsv",
      "parseOfacSdnXml",
      "ofacTickerChains",
      "resolveOfacAddress",
    ]
  `)
})
