import type { Decision, RuleHit, Verdict } from './model.js'

/** Thresholds of the risk score (docs/monitoring.md#risk-score). */
export type ScoringConfig = {
  /** Score at or above which an event goes to review. */
  readonly reviewAt: number
  /** Score at or above which an event is held. */
  readonly holdAt: number
}

export const defaultScoring: ScoringConfig = { reviewAt: 40, holdAt: 80 }

/**
 * score = min(100, Σ hit scores); decision: hold when any hit is critical or score ≥ holdAt;
 * review when any hit is high or score ≥ reviewAt; allow otherwise. Pure.
 */
export function scoreHits(
  hits: readonly RuleHit[],
  config: ScoringConfig = defaultScoring,
): Verdict {
  const score = Math.min(
    100,
    hits.reduce((total, hit) => total + hit.score, 0),
  )
  const has = (severity: RuleHit['severity']) => hits.some((hit) => hit.severity === severity)
  let decision: Decision = 'allow'
  if (has('critical') || score >= config.holdAt) decision = 'hold'
  else if (has('high') || score >= config.reviewAt) decision = 'review'
  return { decision, score, hits }
}
