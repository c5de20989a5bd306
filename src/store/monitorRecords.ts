import type { ChainId } from '../chain/index.js'

/**
 * Monitoring rows as the store keeps them. The store does not interpret verdict hits: they are
 * plain JSON the monitoring domain writes and validates when it reads them back.
 */
export type MonitorEventRecord = {
  readonly org: string
  readonly account: string
  readonly direction: 'deposit' | 'withdrawal'
  readonly chain: ChainId
  readonly txHash: string
  readonly index: number
  readonly counterparty: string
  readonly ownAddress: string
  readonly asset: string
  readonly amount: bigint
  /** Unix seconds. */
  readonly time: number
}

export type MonitorDecisionValue = 'allow' | 'review' | 'hold'
export type AlertStatus = 'open' | 'acknowledged' | 'closed'

/** A verdict as stored with its event. */
export type MonitorVerdictRecord = {
  readonly decision: MonitorDecisionValue
  readonly score: number
  /** Rule hits as JSON values (amounts already decimal strings). */
  readonly hits: readonly unknown[]
}

export type AlertRecord = {
  readonly id: string
  readonly org: string
  readonly account: string
  readonly event: Pick<
    MonitorEventRecord,
    'chain' | 'txHash' | 'index' | 'direction' | 'counterparty' | 'asset' | 'amount' | 'time'
  >
  readonly origin: string
  readonly decision: MonitorDecisionValue
  readonly score: number
  readonly hits: readonly unknown[]
  readonly status: AlertStatus
  /** ISO 8601. */
  readonly createdAt: string
}

/** What `recordMonitorDecision` stores in one transaction. */
export type RecordMonitorDecisionInput = {
  readonly event: MonitorEventRecord
  readonly verdict: MonitorVerdictRecord
  /** Raised when the verdict is review or hold; stored in the same transaction. */
  readonly alert: AlertRecord | null
  /** ISO 8601. */
  readonly decidedAt: string
}

/** A stored decision; `duplicate` when the event was already stored (nothing new was written). */
export type StoredMonitorDecision = {
  readonly event: MonitorEventRecord
  readonly verdict: MonitorVerdictRecord
  readonly alertId: string | null
  readonly decidedAt: string
  readonly duplicate: boolean
}

/** The identity of a monitored event. */
export type MonitorEventKey = Pick<MonitorEventRecord, 'org' | 'chain' | 'txHash' | 'index'>

/** One account's events in a time window (both ends inclusive, unix seconds), oldest first. */
export type AccountEventsParameters = {
  readonly org: string
  readonly account: string
  readonly fromTime: number
  readonly toTime: number
  /** At most this many (the newest are kept when more match); default 10,000. */
  readonly limit?: number
  /** Keep the oldest instead of the newest when more than `limit` match. */
  readonly oldest?: boolean
}

/** Filters of `alerts`; all optional. `since`/`until` bound `createdAt` (ISO 8601). */
export type AlertFilter = {
  readonly org?: string
  readonly account?: string
  readonly decision?: MonitorDecisionValue
  readonly status?: AlertStatus
  readonly since?: string
  readonly until?: string
  /** 1–1,000; default 100. */
  readonly limit?: number
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string
}

export type AlertPage = {
  /** Newest first. */
  readonly alerts: readonly AlertRecord[]
  readonly nextCursor: string | null
}

/** A UTXO transaction by hash, with its block time: what ancestry rules walk back through. */
export type UtxoTransactionSummary = {
  readonly chain: ChainId
  readonly txHash: string
  /** Unix seconds; null while its block is not imported. */
  readonly blockTime: number | null
  readonly inputs: readonly {
    readonly address: string | null
    readonly spentTxHash: string | null
    readonly spentOutputIndex: number | null
    readonly value: bigint | null
  }[]
  readonly outputs: readonly { readonly address: string | null; readonly value: bigint }[]
}
