import type { WriteResult } from '../store/index.js'
import type { RecordKind, SourceFormat } from './ParsedRow.js'

/** One malformed row, reported with the file and line it came from. */
export type RowError = {
  readonly file: string
  readonly line: number
  readonly reason: string
}

/** The outcome of importing one file. */
export type ImportSummary = {
  readonly file: string
  readonly format: SourceFormat
  readonly kind: RecordKind
  /** Rows (lines or blocks) read in this run. */
  readonly rows: number
  /** Rows skipped because an earlier, interrupted run had already committed them. */
  readonly resumedAfter: number
  /** Records parsed from the good rows. */
  readonly records: number
  /** Rows actually inserted (records already in the store are not counted). */
  readonly inserted: WriteResult
  readonly badRows: number
  /** The first bad rows (at most `MAX_REPORTED_ERRORS`); `badRows` counts them all. */
  readonly errors: readonly RowError[]
}

export const MAX_REPORTED_ERRORS = 100

export function addWriteResults(a: WriteResult, b: WriteResult): WriteResult {
  return {
    blocks: a.blocks + b.blocks,
    transactions: a.transactions + b.transactions,
    outputs: a.outputs + b.outputs,
    inputs: a.inputs + b.inputs,
    transfers: a.transfers + b.transfers,
    swaps: a.swaps + b.swaps,
    bridgeDeposits: a.bridgeDeposits + b.bridgeDeposits,
  }
}

export const noWrites: WriteResult = {
  blocks: 0,
  transactions: 0,
  outputs: 0,
  inputs: 0,
  transfers: 0,
  swaps: 0,
  bridgeDeposits: 0,
}
