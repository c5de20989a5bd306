/** @module Bulk import of exports and raw blocks into the store, checkpointed and idempotent. */

export type { IngestBlocksDirSummary } from './btc-rpc/ingestBlocksDir.js'
export { ingestBlocksDir } from './btc-rpc/ingestBlocksDir.js'
export type {
  IngestBtcParameters,
  IngestBtcProgress,
  IngestBtcSummary,
} from './btc-rpc/ingestBtc.js'
export { ingestBtc } from './btc-rpc/ingestBtc.js'
export type { TracesChoice } from './evm/fetchBlock.js'
export type {
  IngestEvmParameters,
  IngestEvmProgress,
  IngestEvmSummary,
} from './evm/ingestEvm.js'
export { ingestEvm } from './evm/ingestEvm.js'
export type { ReorgEvent } from './evm/reorg.js'
export type { ImportSummary, RowError } from './ImportSummary.js'
export type { ImportFilesParameters, ImportFilesResult } from './importFiles.js'
export { importFiles } from './importFiles.js'
export type { ImportProgress } from './importSource.js'
export type { ParsedRecord, ParsedRow, RecordKind, SourceFormat } from './ParsedRow.js'
export { recordKinds, sourceFormats } from './ParsedRow.js'
