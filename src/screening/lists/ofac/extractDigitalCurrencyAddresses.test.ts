import { expect, test } from 'vitest'
import { extractDigitalCurrencyAddresses } from './extractDigitalCurrencyAddresses.js'

test.each([
  {
    name: 'first and alt. items, case kept',
    remarks:
      "Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96; alt. Digital Currency Address - XBT 1MLPqwaFFUBZePTjpR3nxRoK19Cv9mPCc7; a.k.a. 'HIDDEN COBRA'",
    found: [
      { ticker: 'ETH', address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' },
      { ticker: 'XBT', address: '1MLPqwaFFUBZePTjpR3nxRoK19Cv9mPCc7' },
    ],
    unreadable: [],
  },
  {
    // sdn.csv ent_num 48432 ends its Remarks with an address and a period.
    name: 'last item ends with a period',
    remarks: 'alt. Digital Currency Address - TRX TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg.',
    found: [{ ticker: 'TRX', address: 'TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg' }],
    unreadable: [],
  },
  {
    name: 'no addresses',
    remarks: "a.k.a. 'BNC'.",
    found: [],
    unreadable: [],
  },
  {
    // A Remark cut at 1,000 characters without its overflow row: parseOfacSdnCsv reports the
    // cut Remark itself, as the cut can fall anywhere (here, inside the item's name).
    name: 'cut item',
    remarks: 'Gender Male; alt. Digital Currency A',
    found: [],
    unreadable: [],
  },
  {
    name: 'item without an address',
    remarks: 'Digital Currency Address - XBT',
    found: [],
    unreadable: ['Digital Currency Address - XBT'],
  },
])('default: $name', ({ remarks, found, unreadable }) => {
  expect(extractDigitalCurrencyAddresses(remarks)).toEqual({ found, unreadable })
})
