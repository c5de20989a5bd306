/** @module Storage of the value-flow model: SQLite or PostgreSQL behind one `Store` interface. */

export { liveCheckpointSource } from './liveCheckpoint.js'
export type {
  AccountEventsParameters,
  AlertFilter,
  AlertPage,
  AlertRecord,
  AlertStatus,
  MonitorDecisionValue,
  MonitorEventKey,
  MonitorEventRecord,
  MonitorVerdictRecord,
  RecordMonitorDecisionInput,
  StoredMonitorDecision,
  UtxoTransactionSummary,
} from './monitorRecords.js'
export type { OpenPostgresStoreParameters, PostgresStore } from './openPostgresStore.js'
export { openPostgresStore } from './openPostgresStore.js'
export type { OpenSqliteStoreParameters, SqliteStore } from './openSqliteStore.js'
export { openSqliteStore } from './openSqliteStore.js'
export type { OpenStoreOptions } from './openStore.js'
export { openStore } from './openStore.js'
export type { StoreLocation } from './parseStoreUrl.js'
export { parseStoreUrl } from './parseStoreUrl.js'
export { parseCursor as parseAlertCursor } from './readMonitorHistory.js'
export { redactUrl } from './redactUrl.js'
export type { CounterpartyEventsParameters } from './retroHuntRows.js'
export type { SqlStore } from './SqlStore.js'
export type {
  AddressPayment,
  ChainOrderParameters,
  ChainStats,
  ChainTip,
  CounterpartyFlow,
  Designation,
  ImportCheckpoint,
  IngestStatus,
  IngestStatusUpdate,
  ListSummary,
  ListVersionInput,
  PaymentsToParameters,
  ReplaceListResult,
  ResolveResult,
  RollbackResult,
  Store,
  StoreDialect,
  StoredBridgeDeposit,
  UtxoTransactionRecord,
  UtxoTransactionsInOrderParameters,
  WriteResult,
} from './Store.js'
export type { Database } from './schema.js'
export type { SqlValue } from './tableInserts.js'
export { transferInsertParams, transferInsertSql } from './transferInsert.js'
