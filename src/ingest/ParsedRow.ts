import type {
  BlockRecord,
  BridgeDepositRecord,
  ChainId,
  InputRecord,
  OutputRecord,
  SwapRecord,
  TransactionRecord,
  TransferRecord,
} from '../chain/index.js'
import type { DecodedSwap } from './evm/decodeEvmLog.js'

/** One record a source row yields, tagged with the table it belongs in. */
export type ParsedRecord =
  | { readonly type: 'block'; readonly record: BlockRecord }
  | { readonly type: 'transaction'; readonly record: TransactionRecord }
  | { readonly type: 'output'; readonly record: OutputRecord }
  | { readonly type: 'input'; readonly record: InputRecord }
  | { readonly type: 'transfer'; readonly record: TransferRecord }
  | { readonly type: 'swap-log'; readonly record: SwapLogRecord }
  /** A conversion already known in full (a WETH wrap or unwrap). */
  | { readonly type: 'swap'; readonly record: SwapRecord }
  | { readonly type: 'bridge-deposit'; readonly record: BridgeDepositRecord }

/**
 * A DEX Swap log read on its own (an export's logs row): its tokens are found when the batch
 * holds its transaction's Transfer logs (`resolveSwaps`).
 */
export type SwapLogRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number | null
  readonly logIndex: number
  readonly swap: DecodedSwap
}

/**
 * One unit of a source: a line of a CSV/JSON-lines export or one block of a raw block file.
 * `line` is its 1-based ordinal (CSV: the header is line 1, so the first data row is line 2).
 * A malformed unit carries the reason instead of records; it never throws.
 */
export type ParsedRow =
  | { readonly line: number; readonly records: readonly ParsedRecord[] }
  | { readonly line: number; readonly error: string }

/** The record kinds an export file can hold. */
export const recordKinds = [
  'blocks',
  'transactions',
  'token_transfers',
  'traces',
  'logs',
  'raw_blocks',
] as const
export type RecordKind = (typeof recordKinds)[number]

/** The file formats `chainwatch import` reads. */
export const sourceFormats = [
  'ethereum-etl-csv',
  'ethereum-etl-json',
  'bitcoin-etl-json',
  'bitcoin-raw',
] as const
export type SourceFormat = (typeof sourceFormats)[number]
