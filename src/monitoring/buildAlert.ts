import { createHash } from 'node:crypto'
import type { Alert, MonitorEvent, Verdict } from './model.js'

/** Alert ids derive from the event's key and origin, so a retry can never raise a second one. */
export function alertId(event: MonitorEvent, origin: string): string {
  const key = [event.org, event.chain, event.txHash, event.index, origin].join('\u0000')
  return `al_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`
}

/** The alert for a review or hold verdict, or null for allow. Pure. */
export function buildAlert(event: MonitorEvent, verdict: Verdict, createdAt: string): Alert | null {
  if (verdict.decision === 'allow') return null
  return alertOf(event, verdict, 'decision', createdAt)
}

/** An open alert on `event` raised by `origin` (a decision or a retro-hunt). Pure. */
export function alertOf(
  event: MonitorEvent,
  verdict: Verdict,
  origin: string,
  createdAt: string,
): Alert {
  return {
    id: alertId(event, origin),
    org: event.org,
    account: event.account,
    event: {
      chain: event.chain,
      txHash: event.txHash,
      index: event.index,
      direction: event.direction,
      counterparty: event.counterparty,
      asset: event.asset,
      amount: event.amount,
      time: event.time,
    },
    origin,
    decision: verdict.decision,
    score: verdict.score,
    hits: verdict.hits,
    status: 'open',
    createdAt,
  }
}
