/**
 * Bulk import throughput: `chainwatch import` of N synthetic ERC-20 transfers (an ethereum-etl
 * token_transfers CSV) into a fresh SQLite store, next to plain better-sqlite3 prepared inserts
 * of the same rows into the same table, in the same run.
 *
 * npm run bench -- import [ROWS]      (default 1,000,000)
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { TransferRecord } from '../src/chain/index.js'
import { importFiles } from '../src/ingest/index.js'
import { openSqliteStore, transferInsertParams, transferInsertSql } from '../src/store/index.js'
import { writeSyntheticTransfers } from '../test/syntheticTransfers.js'

const rows = Number.parseInt(process.argv[3] ?? '1000000', 10)
const batchSize = 50_000
const dir = join(import.meta.dirname, '../.bench')
mkdirSync(dir, { recursive: true })
const csv = join(dir, `token_transfers_${rows}.csv`)
if (!existsSync(csv)) {
  console.log(`writing ${rows.toLocaleString('en-US')} synthetic transfers to ${csv}`)
  await writeSyntheticTransfers(csv, rows)
}
console.log(`input: ${csv} (${(statSync(csv).size / 1e6).toFixed(1)} MB)`)

function freshDatabase(name: string): string {
  const path = join(dir, name)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  return path
}

// 1. Chainwatch: read, parse, validate, batch, write with checkpoints, resolve.
const imported = await openSqliteStore({ path: freshDatabase('import.db') })
let started = performance.now()
const result = await importFiles({ store: imported }, { paths: [csv], batchSize })
const importSeconds = (performance.now() - started) / 1000
const summary = result.files[0]
if (summary?.inserted.transfers !== rows)
  throw new Error(`imported ${summary?.inserted.transfers} of ${rows}`)

// The same rows, read back as records, for the baseline (outside its timing).
const records = imported.database.prepare('SELECT * FROM transfers ORDER BY rowid').all() as Record<
  string,
  string | number | null
>[]
await imported.close()
const transfers: TransferRecord[] = records.map((row) => ({
  chain: 'ethereum',
  txHash: String(row.tx_hash),
  kind: 'token',
  position: String(row.position),
  asset: String(row.asset),
  from: row.from_address === null ? null : String(row.from_address),
  to: row.to_address === null ? null : String(row.to_address),
  amount: BigInt(String(row.amount)),
  blockHeight: Number(row.block_height),
  txIndex: row.tx_index === null ? null : Number(row.tx_index),
}))

// 2. Baseline: plain better-sqlite3 prepared inserts, same table, same transaction size.
const baseline = await openSqliteStore({ path: freshDatabase('baseline.db') })
const insert = baseline.database.prepare(transferInsertSql)
const insertBatch = baseline.database.transaction((batch: readonly TransferRecord[]) => {
  for (const transfer of batch) insert.run(transferInsertParams(transfer))
})
started = performance.now()
for (let i = 0; i < transfers.length; i += batchSize) insertBatch(transfers.slice(i, i + batchSize))
const baselineSeconds = (performance.now() - started) / 1000
await baseline.close()

const importRate = rows / importSeconds
const baselineRate = rows / baselineSeconds
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(`rows:                         ${fmt(rows)}`)
console.log(
  `chainwatch import:            ${fmt(importRate)} rows/s (${importSeconds.toFixed(2)} s)`,
)
console.log(
  `plain better-sqlite3 inserts: ${fmt(baselineRate)} rows/s (${baselineSeconds.toFixed(2)} s)`,
)
console.log(
  `ratio:                        ${((importRate / baselineRate) * 100).toFixed(1)} % (target >= 80 %)`,
)
