import type { EvidenceContext } from './evidence.js'
import type { MonitorEvent, RuleHit } from './model.js'
import { fillTemplate } from './rules/fillTemplate.js'
import type { Rule } from './rules/RuleSet.js'

/** Runs every rule that applies to the event's direction; pure. Hits in rule order. */
export function evaluateRules(
  rules: readonly Rule[],
  event: MonitorEvent,
  evidence: EvidenceContext,
): RuleHit[] {
  const hits: RuleHit[] = []
  for (const rule of rules) {
    if (!rule.directions.includes(event.direction)) continue
    const finding = rule.evaluate(event, evidence)
    if (finding === null) continue
    hits.push({
      ruleId: rule.id,
      ruleVersion: rule.version,
      severity: rule.severity,
      score: rule.score,
      reason: fillTemplate(rule.explanation, finding),
      evidence: { ...finding, fatf: [...rule.fatf] },
    })
  }
  return hits
}
