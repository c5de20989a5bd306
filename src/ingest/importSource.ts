import { ChainwatchError } from '../errors/index.js'
import type { Store } from '../store/index.js'
import { createBatchBuilder, transactionOf } from './batchRows.js'
import {
  addWriteResults,
  type ImportSummary,
  MAX_REPORTED_ERRORS,
  noWrites,
  type RowError,
} from './ImportSummary.js'
import type { Source } from './Source.js'

export type ImportProgress = {
  readonly file: string
  readonly rows: number
  readonly bytesRead: number
  readonly totalBytes: number
}

export type ImportSourceParameters = {
  readonly source: Source
  /** Stop at the first bad row, writing nothing of the batch it is in. */
  readonly strict: boolean
  /** Records per store transaction. */
  readonly batchSize?: number
  readonly onProgress?: (progress: ImportProgress) => void
}

const DEFAULT_BATCH_SIZE = 50_000

/**
 * Streams a source into the store in batches. Each batch is written with the source's
 * checkpoint in one transaction, so an interrupted import (even `kill -9`) resumes after the
 * last committed row and never loses or duplicates data; writes are idempotent besides.
 */
export async function importSource(
  deps: { readonly store: Pick<Store, 'writeBatch' | 'checkpoint'> },
  { source, strict, batchSize = DEFAULT_BATCH_SIZE, onProgress }: ImportSourceParameters,
): Promise<ImportSummary> {
  const resumedAfter = await deps.store.checkpoint(source.key)
  const batch = createBatchBuilder()
  const errors: RowError[] = []
  let inserted = noWrites
  let rows = 0
  let records = 0
  let badRows = 0
  let lastLine = resumedAfter

  // One write in flight at a time: with an asynchronous store (PostgreSQL) the next batch is
  // parsed while the previous one is written; batches still commit in file order.
  let writing: Promise<void> = Promise.resolve()
  const flush = async () => {
    const pending = batch.take()
    const checkpoint = { source: source.key, position: lastLine }
    const progress = { file: source.file, rows, totalBytes: source.totalBytes }
    await writing
    writing = deps.store.writeBatch(pending, checkpoint).then((written) => {
      inserted = addWriteResults(inserted, written)
      onProgress?.({ ...progress, bytesRead: source.bytesRead() })
    })
    // A failed write surfaces at the next `await writing`, never as an unhandled rejection.
    writing.catch(() => undefined)
  }

  try {
    let lastTransaction: string | null = null
    for await (const run of source.rows)
      for (const row of run) {
        if (row.line <= resumedAfter) continue
        rows++
        if ('error' in row) {
          badRows++
          if (strict) {
            throw new ChainwatchError(
              'import.failed',
              `Import of ${source.file} stopped at line ${row.line}: ${row.error}`,
              { meta: { file: source.file, line: row.line, reason: row.error } },
            )
          }
          if (errors.length < MAX_REPORTED_ERRORS) {
            errors.push({ file: source.file, line: row.line, reason: row.error })
          }
          lastLine = row.line
          continue
        }
        // A full batch is written before the next transaction starts, never inside one: a swap's
        // logs must land in one batch. The checkpoint is the last row the batch holds.
        const transaction = transactionOf(row.records)
        if (batch.size >= batchSize && (transaction === null || transaction !== lastTransaction)) {
          await flush()
        }
        records += row.records.length
        batch.add(row.records)
        lastLine = row.line
        lastTransaction = transaction
      }
    if (batch.size > 0 || lastLine > resumedAfter) await flush()
    await writing
  } catch (error) {
    // Let the batch being written finish (or fail) before the caller closes the store.
    await writing.catch(() => undefined)
    throw error
  }

  return {
    file: source.file,
    format: source.format,
    kind: source.kind,
    rows,
    resumedAfter,
    records,
    inserted,
    badRows,
    errors,
  }
}
