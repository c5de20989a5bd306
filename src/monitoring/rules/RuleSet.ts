import type { EvidenceNeeds } from '../evidence.js'
import type { Direction, Severity } from '../model.js'
import type { BoundEvaluator } from './RuleKind.js'

/** A loaded, validated rule, its evaluator bound to its parameters. */
export type Rule = {
  readonly id: string
  readonly version: number
  readonly title: string
  readonly kind: string
  readonly severity: Severity
  readonly score: number
  readonly directions: readonly Direction[]
  readonly explanation: string
  readonly fatf: readonly string[]
  /** The file it came from. */
  readonly file: string
  readonly evaluate: BoundEvaluator
  readonly needs: Partial<EvidenceNeeds>
}

/** One consistent set of rules (a whole pack loads or none of it). */
export type RuleSet = {
  readonly rules: readonly Rule[]
  /** When it was loaded (ISO 8601), for reports. */
  readonly loadedAt: string
  /** Directory (or `inline`) it came from. */
  readonly source: string
}

/** What gathering must read for `rules`: the maximum any enabled rule needs. */
export function evidenceNeedsOf(rules: readonly Rule[]): EvidenceNeeds {
  let needs: EvidenceNeeds = { exposureHops: 0, historySeconds: 0, ancestryHops: 0, funders: false }
  for (const { needs: n } of rules) {
    needs = {
      exposureHops: Math.max(needs.exposureHops, n.exposureHops ?? 0),
      historySeconds: Math.max(needs.historySeconds, n.historySeconds ?? 0),
      ancestryHops: Math.max(needs.ancestryHops, n.ancestryHops ?? 0),
      funders: needs.funders || (n.funders ?? false),
    }
  }
  return needs
}
