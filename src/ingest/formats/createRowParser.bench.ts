import { bench, describe } from 'vitest'
import { createRowParser } from './createRowParser.js'

const header = 'token_address,from_address,to_address,value,transaction_hash,log_index,block_number'
const hex = (value: number, width: number) => value.toString(16).padStart(width, '0')
const rowCount = 100_000
// Synthetic ethereum-etl token transfers, joined and split again so that lines are slices of one
// text, as when read from a file.
const text = Array.from(
  { length: rowCount },
  (_, i) =>
    `0x${hex(i % 500, 40)},0x${hex(i * 7, 40)},0x${hex(i * 13, 40)},${BigInt(i) * 10n ** 15n + 12345n},0x${hex(i >> 2, 64)},${i % 300},${17_000_000 + (i >> 8)}`,
).join('\n')
const jsonText = text
  .split('\n')
  .map((line) => {
    const [token, from, to, value, hash, logIndex, block] = line.split(',')
    return `{"type": "token_transfer", "token_address": "${token}", "from_address": "${from}", "to_address": "${to}", "value": ${value}, "transaction_hash": "${hash}", "log_index": ${logIndex}, "block_number": ${block}, "block_timestamp": 1683029999}`
  })
  .join('\n')

function parseAll(format: 'ethereum-etl-csv' | 'ethereum-etl-json', body: string): void {
  const parser = createRowParser({ format, kind: 'token_transfers' })
  if (format === 'ethereum-etl-csv') parser.parse(header, 1)
  let lineNumber = 1
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start)
    const stop = end === -1 ? body.length : end
    const row = parser.parse(body.slice(start, stop), ++lineNumber)
    if (row === null || 'error' in row) throw new Error(`line ${lineNumber} did not parse`)
    start = stop + 1
  }
}

describe(`token transfers, ${rowCount} rows per iteration`, () => {
  bench('ethereum-etl CSV', () => parseAll('ethereum-etl-csv', text), { iterations: 10 })
  bench('ethereum-etl JSON lines', () => parseAll('ethereum-etl-json', jsonText), { iterations: 5 })
})
