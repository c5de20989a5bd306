import type { DecidedEvent } from './model.js'

/** A decision as every intake answers it (HTTP response item, NATS reply): plain JSON. */
export function decidedJson(decided: DecidedEvent) {
  const { event, verdict } = decided
  return {
    org: event.org,
    account: event.account,
    chain: event.chain,
    txHash: event.txHash,
    index: event.index,
    decision: verdict.decision,
    score: verdict.score,
    reasons: verdict.hits.map((hit) => hit.reason),
    hits: verdict.hits.map((hit) => ({ ...hit, evidence: { ...hit.evidence } })),
    alertId: decided.alertId,
    duplicate: decided.duplicate,
    decidedAt: decided.decidedAt,
  }
}
