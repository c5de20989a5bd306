import { parseChainId } from '../chain/index.js'
import type { AlertRecord, MonitorEventRecord, StoredMonitorDecision } from './monitorRecords.js'
import type { AlertsTable, MonitorEventsTable } from './schema.js'

/** Row ↔ record conversions for the monitoring tables (pure). */
export function monitorEventRow(
  input: Omit<StoredMonitorDecision, 'duplicate'>,
): MonitorEventsTable {
  const { event, verdict } = input
  return {
    org: event.org,
    chain: event.chain,
    tx_hash: event.txHash,
    idx: event.index,
    account: event.account,
    direction: event.direction,
    counterparty: event.counterparty,
    own_address: event.ownAddress,
    asset: event.asset,
    amount: event.amount.toString(),
    time: event.time,
    decision: verdict.decision,
    score: verdict.score,
    hits: JSON.stringify(verdict.hits),
    alert_id: input.alertId,
    decided_at: input.decidedAt,
  }
}

export function monitorEventOf(row: MonitorEventsTable): MonitorEventRecord {
  return {
    org: row.org,
    account: row.account,
    direction: row.direction === 'withdrawal' ? 'withdrawal' : 'deposit',
    chain: parseChainId(row.chain),
    txHash: row.tx_hash,
    index: Number(row.idx),
    counterparty: row.counterparty,
    ownAddress: row.own_address,
    asset: row.asset,
    amount: BigInt(row.amount),
    time: Number(row.time),
  }
}

export function storedDecisionOf(
  row: MonitorEventsTable,
  duplicate: boolean,
): StoredMonitorDecision {
  return {
    event: monitorEventOf(row),
    verdict: {
      decision: decisionOf(row.decision),
      score: Number(row.score),
      hits: parseHits(row.hits),
    },
    alertId: row.alert_id,
    decidedAt: row.decided_at,
    duplicate,
  }
}

export function alertRow(alert: AlertRecord): AlertsTable {
  return {
    id: alert.id,
    org: alert.org,
    account: alert.account,
    chain: alert.event.chain,
    tx_hash: alert.event.txHash,
    idx: alert.event.index,
    direction: alert.event.direction,
    counterparty: alert.event.counterparty,
    asset: alert.event.asset,
    amount: alert.event.amount.toString(),
    event_time: alert.event.time,
    origin: alert.origin,
    decision: alert.decision,
    score: alert.score,
    hits: JSON.stringify(alert.hits),
    status: alert.status,
    created_at: alert.createdAt,
  }
}

export function alertOf(row: AlertsTable): AlertRecord {
  return {
    id: row.id,
    org: row.org,
    account: row.account,
    event: {
      chain: parseChainId(row.chain),
      txHash: row.tx_hash,
      index: Number(row.idx),
      direction: row.direction === 'withdrawal' ? 'withdrawal' : 'deposit',
      counterparty: row.counterparty,
      asset: row.asset,
      amount: BigInt(row.amount),
      time: Number(row.event_time),
    },
    origin: row.origin,
    decision: decisionOf(row.decision),
    score: Number(row.score),
    hits: parseHits(row.hits),
    status: row.status === 'acknowledged' || row.status === 'closed' ? row.status : 'open',
    createdAt: row.created_at,
  }
}

function decisionOf(value: string): 'allow' | 'review' | 'hold' {
  return value === 'hold' || value === 'review' ? value : 'allow'
}

function parseHits(json: string): readonly unknown[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed : []
}
