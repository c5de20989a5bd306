/** @module Parsers for ethereum-etl and bitcoin-etl exports (and BigQuery crypto_* exports). */
export type { CreateRowParserParameters, RowParser } from './createRowParser.js'
export { createRowParser } from './createRowParser.js'
export type { DetectedSource, DetectSourceParameters } from './detectSource.js'
export { detectSource } from './detectSource.js'
export { jsonFields } from './FieldSource.js'
export { mapBitcoinTransaction } from './mapBitcoinTransaction.js'
export { parseExportLines } from './parseExportLines.js'
