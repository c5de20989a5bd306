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
  /** OP_RETURN outputs: the bytes the script pushes, as hex; null otherwise. */
  data: string | null
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

/** A DEX swap (Uniswap V2/V3 `Swap` log) with its tokens resolved. */
export interface SwapsTable {
  chain: string
  tx_hash: string
  /** The Swap log's position (`c%06d`). */
  position: string
  block_height: number
  tx_index: number | null
  protocol: string
  pool: string
  sender: string
  recipient: string
  token_in: string
  amount_in: AmountColumn
  token_out: string
  amount_out: AmountColumn
}

/** A bridge-router `Deposit` log (THORChain style). */
export interface BridgeDepositsTable {
  chain: string
  tx_hash: string
  position: string
  block_height: number
  tx_index: number | null
  router: string
  vault: string
  depositor: string | null
  asset: string
  amount: AmountColumn
  memo: string
}

export interface ImportCheckpointsTable {
  source: string
  position: Int64Column
  /** ISO 8601; PostgreSQL TIMESTAMPTZ (read back as Date), SQLite TEXT. */
  updated_at: ColumnType<Date | string, string, string>
}

/** Where live ingest of one chain stands (one row per chain, upserted with each batch). */
export interface IngestStatusTable {
  chain: string
  /** The node, redacted: `rpc:http://host:8545`. */
  source: string
  node_tip: Int64Column | null
  store_tip: Int64Column | null
  store_tip_hash: string | null
  store_tip_time: Int64Column | null
  blocks_per_second: number | null
  /** ISO 8601 TEXT in both dialects. */
  updated_at: string
}

/** One stored version of a list, with its provenance. */
export interface ListVersionsTable {
  list: string
  /** 1, 2, 3… per list; the highest is the active version. */
  version: number
  kind: string
  source: string
  /** ISO 8601, as the source states it. */
  published_at: string | null
  sha256: string
  /** ISO 8601. */
  loaded_at: string
  /** Designations this version holds (duplicates merged). */
  entries: number
}

/** One episode of a list designating an address, from `since` until `until` (null: active). */
export interface DesignationsTable {
  list: string
  chain: string
  address: string
  /** '' when the list gives no entity id (so it can be in the keys). */
  entity_id: string
  asset: string | null
  category: string
  entity: string | null
  /** JSON array of strings. */
  programmes: string
  confidence: number
  label: string | null
  since: string
  until: string | null
  /** The version that began this episode, and the last version that held it. */
  first_version: number
  last_version: number
}

/** One decided exchange event with its verdict (monitoring). */
export interface MonitorEventsTable {
  org: string
  chain: string
  tx_hash: string
  idx: number
  account: string
  direction: string
  counterparty: string
  own_address: string
  asset: string
  amount: AmountColumn
  /** Unix seconds; pg returns int8 as a string. */
  time: number | string
  decision: string
  score: number
  /** JSON array of rule hits. */
  hits: string
  alert_id: string | null
  /** ISO 8601. */
  decided_at: string
}

/** An alert raised by monitoring, with its evidence (hits JSON). */
export interface AlertsTable {
  id: string
  org: string
  account: string
  chain: string
  tx_hash: string
  idx: number
  direction: string
  counterparty: string
  asset: string
  amount: AmountColumn
  /** Unix seconds of the event; pg returns int8 as a string. */
  event_time: number | string
  origin: string
  decision: string
  score: number
  hits: string
  status: string
  /** ISO 8601. */
  created_at: string
}

/** The kysely view of the store's tables (snake_case columns, as in SQL). */
export interface Database {
  blocks: BlocksTable
  transactions: TransactionsTable
  outputs: OutputsTable
  inputs: InputsTable
  transfers: TransfersTable
  swaps: SwapsTable
  bridge_deposits: BridgeDepositsTable
  import_checkpoints: ImportCheckpointsTable
  ingest_status: IngestStatusTable
  list_versions: ListVersionsTable
  designations: DesignationsTable
  monitor_events: MonitorEventsTable
  alerts: AlertsTable
}
