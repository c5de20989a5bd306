import type { Store, StoredMonitorDecision } from '../store/index.js'
import { buildAlert } from './buildAlert.js'
import { evaluateRules } from './evaluateRules.js'
import { gatherEvidence } from './gatherEvidence.js'
import type { DecidedEvent, MonitorEvent } from './model.js'
import { evidenceNeedsOf, type RuleSet } from './rules/RuleSet.js'
import { type ScoringConfig, scoreHits } from './scoreHits.js'
import { storedHits } from './storedHits.js'

export type DecideDeps = {
  readonly store: Pick<
    Store,
    | 'designations'
    | 'counterparties'
    | 'accountEvents'
    | 'utxoTransactions'
    | 'recordMonitorDecision'
    | 'monitorDecision'
  >
  readonly rules: () => RuleSet
  readonly scoring: ScoringConfig
  readonly now: () => Date
}

/**
 * Decides one validated event — the one entry point every intake (HTTP now, a queue consumer
 * later) calls: a stored event answers its stored verdict (duplicate); otherwise evidence is
 * read, the rules run, the score is combined, and event, verdict and alert are stored in one
 * transaction before the decision is returned.
 */
export async function decideEvent(deps: DecideDeps, event: MonitorEvent): Promise<DecidedEvent> {
  const stored = await deps.store.monitorDecision(event)
  if (stored !== null) return decidedOf(stored)
  const ruleSet = deps.rules()
  const evidence = await gatherEvidence(deps.store, event, evidenceNeedsOf(ruleSet.rules))
  const verdict = scoreHits(evaluateRules(ruleSet.rules, event, evidence), deps.scoring)
  const decidedAt = deps.now().toISOString()
  const alert = buildAlert(event, verdict, decidedAt)
  const recorded = await deps.store.recordMonitorDecision({ event, verdict, alert, decidedAt })
  // A concurrent decision of the same event that committed first wins: answer what it stored.
  return recorded.duplicate
    ? decidedOf(recorded)
    : { event, verdict, alertId: alert?.id ?? null, decidedAt, duplicate: false }
}

function decidedOf(stored: StoredMonitorDecision): DecidedEvent {
  return {
    event: stored.event,
    verdict: { ...stored.verdict, hits: storedHits(stored.verdict.hits) },
    alertId: stored.alertId,
    decidedAt: stored.decidedAt,
    duplicate: stored.duplicate,
  }
}
