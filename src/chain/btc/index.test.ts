import { expect, test } from 'vitest'
import * as btc from './index.js'

test('exports', () => {
  expect(Object.keys(btc).sort()).toMatchInlineSnapshot(`
    [
      "bitcoinNetworks",
      "blockSubsidy",
      "blockToBatch",
      "classifyOutputScript",
      "coinbaseCheck",
      "computeMerkleRoot",
      "decodeBlock",
      "decodeBlockHeader",
      "decodeTransaction",
      "decompressBzip2",
      "nullDataPayload",
      "readBlockFile",
      "readBlockFileAsync",
      "sniffBlockBytes",
      "sniffLength",
    ]
  `)
})
