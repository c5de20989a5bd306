import type { ChainId } from '../chain/index.js'

/** Which way value moves across the exchange's boundary. */
export type Direction = 'deposit' | 'withdrawal'

/**
 * One deposit or withdrawal an exchange's ledger reports, validated at the edge
 * (`monitorEventSchema`). Identity: (org, chain, txHash, index) — a redelivery is the same event.
 */
export type MonitorEvent = {
  /** The reporting organisation (an exchange), e.g. `exchange-a`. */
  readonly org: string
  /** The customer account inside the organisation. */
  readonly account: string
  readonly direction: Direction
  readonly chain: ChainId
  readonly txHash: string
  /** Position of the transfer in the transaction: output index (UTXO) or log/trace position. */
  readonly index: number
  /** The outside party: where a deposit came from, where a withdrawal goes. Normalised. */
  readonly counterparty: string
  /** The exchange's own address (deposit address, hot wallet). Normalised. */
  readonly ownAddress: string
  /** `native` or a token contract address (normalised), as transfers key assets. */
  readonly asset: string
  /** Base units, > 0. */
  readonly amount: bigint
  /** Unix seconds of the on-chain event (or of the request for an unbroadcast withdrawal). */
  readonly time: number
}

export type Decision = 'allow' | 'review' | 'hold'
export type Severity = 'low' | 'medium' | 'high' | 'critical'

/** One rule that fired on an event, with the evidence it used and its filled-in explanation. */
export type RuleHit = {
  readonly ruleId: string
  readonly ruleVersion: number
  readonly severity: Severity
  /** Points this hit adds to the risk score (docs/monitoring.md). */
  readonly score: number
  /** The rule's explanation template filled with `evidence`. */
  readonly reason: string
  /** Rule inputs as plain JSON (amounts as decimal strings, exposure paths as address lists). */
  readonly evidence: Readonly<Record<string, unknown>>
}

/** What monitoring answers for one event. */
export type Verdict = {
  readonly decision: Decision
  /** 0–100. */
  readonly score: number
  readonly hits: readonly RuleHit[]
}

/** An alert: raised for an event whose verdict is review or hold, or by a retro-hunt. */
export type Alert = {
  /** Stable id: derived from (org, chain, txHash, index, origin), so a retry never duplicates it. */
  readonly id: string
  readonly org: string
  readonly account: string
  readonly event: Pick<
    MonitorEvent,
    'chain' | 'txHash' | 'index' | 'direction' | 'counterparty' | 'asset' | 'amount' | 'time'
  >
  /** `decision` when raised while deciding the event; `retro-hunt:<indicator>` when raised later. */
  readonly origin: string
  readonly decision: Decision
  readonly score: number
  readonly hits: readonly RuleHit[]
  readonly status: 'open' | 'acknowledged' | 'closed'
  /** ISO 8601. */
  readonly createdAt: string
}

/** What deciding one event answers: its verdict, the alert raised (if any), and whether it was seen before. */
export type DecidedEvent = {
  readonly event: MonitorEvent
  readonly verdict: Verdict
  readonly alertId: string | null
  /** ISO 8601: when the stored verdict was decided (the first time, for a duplicate). */
  readonly decidedAt: string
  /** The event was already stored: this is its stored verdict, nothing new was written. */
  readonly duplicate: boolean
}
