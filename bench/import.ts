/**
 * Bulk import throughput: `chainwatch import` of N synthetic ERC-20 transfers (an ethereum-etl
 * token_transfers CSV) into a fresh SQLite store, next to plain better-sqlite3 prepared inserts
 * of the same rows into the same table, in the same run.
 *
 * npm run bench -- import [ROWS] [RUNS]     (default 1,000,000 rows, 3 runs)
 *
 * Runs alternate (import, baseline, import, baseline, …) on fresh database files and the median
 * of each is reported, so a neighbour's load on a shared machine skews both sides alike.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { TransferRecord } from '../src/chain/index.js'
import { importFiles } from '../src/ingest/index.js'
import { openSqliteStore, transferInsertParams, transferInsertSql } from '../src/store/index.js'
import { writeSyntheticTransfers } from '../test/syntheticTransfers.js'

const rows = Number.parseInt(process.argv[3] ?? '1000000', 10)
const runs = Number.parseInt(process.argv[4] ?? '3', 10)
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

/** 1. Chainwatch: read, parse, validate, batch, write with checkpoints, resolve. */
async function timeImport(): Promise<number> {
  const store = await openSqliteStore({ path: freshDatabase('import.db') })
  const started = performance.now()
  const result = await importFiles({ store }, { paths: [csv], batchSize })
  const seconds = (performance.now() - started) / 1000
  await store.close()
  const inserted = result.files[0]?.inserted.transfers
  if (inserted !== rows) throw new Error(`imported ${inserted} of ${rows}`)
  return seconds
}

/** The imported rows, read back as records for the baseline (outside its timing). */
async function readBackTransfers(): Promise<TransferRecord[]> {
  const store = await openSqliteStore({ path: join(dir, 'import.db') })
  const records = store.database.prepare('SELECT * FROM transfers ORDER BY rowid').all() as Record<
    string,
    string | number | null
  >[]
  await store.close()
  return records.map((row) => ({
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
}

/** 2. Baseline: plain better-sqlite3 prepared inserts, same table, same transaction size. */
async function timeBaseline(transfers: readonly TransferRecord[]): Promise<number> {
  const store = await openSqliteStore({ path: freshDatabase('baseline.db') })
  const insert = store.database.prepare(transferInsertSql)
  const insertBatch = store.database.transaction((batch: readonly TransferRecord[]) => {
    for (const transfer of batch) insert.run(transferInsertParams(transfer))
  })
  const started = performance.now()
  for (let i = 0; i < transfers.length; i += batchSize)
    insertBatch(transfers.slice(i, i + batchSize))
  const seconds = (performance.now() - started) / 1000
  await store.close()
  return seconds
}

const importTimes: number[] = []
const baselineTimes: number[] = []
let transfers: TransferRecord[] = []
for (let run = 1; run <= runs; run++) {
  importTimes.push(await timeImport())
  if (run === 1) transfers = await readBackTransfers()
  baselineTimes.push(await timeBaseline(transfers))
  console.log(
    `run ${run}: import ${importTimes.at(-1)?.toFixed(2)} s, baseline ${baselineTimes.at(-1)?.toFixed(2)} s`,
  )
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const importRate = rows / median(importTimes)
const baselineRate = rows / median(baselineTimes)
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(
  `rows:                         ${fmt(rows)} (batches of ${fmt(batchSize)}, median of ${runs} runs)`,
)
console.log(`chainwatch import:            ${fmt(importRate)} rows/s`)
console.log(`plain better-sqlite3 inserts: ${fmt(baselineRate)} rows/s`)
console.log(
  `ratio:                        ${((importRate / baselineRate) * 100).toFixed(1)} % (target >= 80 %)`,
)
