import { expect, test } from 'vitest'
import * as lists from './index.js'

test('exports', () => {
  expect(Object.keys(lists)).toMatchInlineSnapshot(`
    [
      "parseActorPack",
      "parseAddressList",
      "parseOpenSanctions",
      "parseTagPack",
    ]
  `)
})
