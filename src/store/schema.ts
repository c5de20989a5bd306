import type { ColumnType } from 'kysely'

/**
 * An amount as a decimal string. PostgreSQL stores NUMERIC(78,0) (uint256 fits) and pg returns
 * it as text; SQLite stores TEXT because its integers stop at 2^63. Parse with `BigInt`.
 */
export type AmountColumn = string

/** A 64-bit integer column: pg returns int8 as a string (it may exceed 2^53), SQLite a number. */
export type Int64Column = ColumnType<string | number, number, number>

/** A boolean column: PostgreSQL BOOLEAN, SQLite INTEGER 0/1. */
export type BooleanColumn = ColumnType<boolean | number, boolean | number, boolean | number>

export interface BlocksTable {
  chain: string
  height: number
  hash: string
  parent_hash: string | null
  time: Int64Column
  tx_count: number | null
}

export interface TransactionsTable {
  chain: string
  hash: string
  block_height: number
  block_hash: string | null
  tx_index: number | null
  from_address: string | null
  to_address: string | null
  value: AmountColumn
  fee: AmountColumn | null
  success: BooleanColumn
}

export interface OutputsTable {
  chain: string
  tx_hash: string
  output_index: number
  address: string | null
  value: AmountColumn
  script_type: string
  block_height: number
  tx_index: number | null
}

export interface InputsTable {
  chain: string
  tx_hash: string
  input_index: number
  spent_tx_hash: string | null
  spent_output_index: number | null
  address: string | null
  value: AmountColumn | null
  block_height: number
  tx_index: number | null
}

export interface TransfersTable {
  chain: string
  tx_hash: string
  position: string
  kind: string
  asset: string
  from_address: string | null
  to_address: string | null
  amount: AmountColumn
  block_height: number
  tx_index: number | null
}

export interface ImportCheckpointsTable {
  source: string
  position: Int64Column
  /** ISO 8601; PostgreSQL TIMESTAMPTZ (read back as Date), SQLite TEXT. */
  updated_at: ColumnType<Date | string, string, string>
}

/** The kysely view of the store's tables (snake_case columns, as in SQL). */
export interface Database {
  blocks: BlocksTable
  transactions: TransactionsTable
  outputs: OutputsTable
  inputs: InputsTable
  transfers: TransfersTable
  import_checkpoints: ImportCheckpointsTable
}
