import { expect, test } from 'vitest'
import * as formats from './index.js'

test('exports', () => {
  expect(Object.keys(formats).sort()).toMatchInlineSnapshot(`
    [
      "createRowParser",
      "detectSource",
      "jsonFields",
      "mapBitcoinTransaction",
      "parseExportLines",
    ]
  `)
})
