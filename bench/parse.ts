/**
 * Parse throughput of export rows: ethereum-etl token transfers as CSV and as JSON lines, read
 * from a file and parsed to records through the import path, with no database (a store that
 * discards), so the figure is the ceiling the parser sets on `chainwatch import`.
 *
 * npm run bench -- parse [ROWS]      (default 1,000,000)
 */

import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { importFiles } from '../src/ingest/index.js'
import { writeSyntheticTransfers } from '../test/syntheticTransfers.js'

const rows = Number.parseInt(process.argv[3] ?? '1000000', 10)
const dir = join(import.meta.dirname, '../.bench')
mkdirSync(dir, { recursive: true })
const csv = join(dir, `token_transfers_${rows}.csv`)
if (!existsSync(csv)) await writeSyntheticTransfers(csv, rows)

const json = join(dir, `token_transfers_${rows}.json`)
if (!existsSync(json)) {
  const out = createWriteStream(json)
  let header: string[] = []
  for await (const line of createInterface({ input: createReadStream(csv) })) {
    const cells = line.split(',')
    if (header.length === 0) {
      header = cells
      continue
    }
    const numeric = new Set(['value', 'log_index', 'block_number'])
    const fields = header.map(
      (name, i) => `"${name}": ${numeric.has(name) ? cells[i] : `"${cells[i]}"`}`,
    )
    if (!out.write(`{"type": "token_transfer", ${fields.join(', ')}}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const discard = {
  writeBatch: async () => ({
    blocks: 0,
    transactions: 0,
    outputs: 0,
    inputs: 0,
    transfers: 0,
    swaps: 0,
    bridgeDeposits: 0,
  }),
  checkpoint: async () => 0,
  resolvePending: async () => ({ inputs: 0, transfers: 0 }),
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
for (const [name, path] of [
  ['ethereum-etl CSV', csv],
  ['ethereum-etl JSON lines', json],
] as const) {
  const times: number[] = []
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const result = await importFiles({ store: discard }, { paths: [path] })
    times.push((performance.now() - started) / 1000)
    if (result.files[0]?.records !== rows)
      throw new Error(`parsed ${result.files[0]?.records} of ${rows}`)
  }
  const best = Math.min(...times)
  console.log(
    `${name.padEnd(24)} ${fmt(rows / best)} rows/s (best of 3: ${best.toFixed(2)} s for ${fmt(rows)} rows)`,
  )
}
