import type { z } from 'zod'
import type { EvidenceContext, EvidenceNeeds } from '../evidence.js'
import type { MonitorEvent } from '../model.js'

/** What a rule found: plain JSON values, the inputs its explanation template is filled from. */
export type Finding = Readonly<Record<string, string | number | boolean | readonly string[] | null>>

/** A rule's evaluator with its parameters bound: a pure function of (event, evidence). */
export type BoundEvaluator = (event: MonitorEvent, evidence: EvidenceContext) => Finding | null

/**
 * One kind of rule: how its `parameters` look, what it needs gathered, and its evaluator.
 * `evidenceKeys` are the placeholders its findings fill (checked against templates at load).
 */
export type RuleKind<P> = {
  readonly parameters: z.ZodType<P>
  readonly evidenceKeys: readonly string[]
  readonly needs: (parameters: P) => Partial<EvidenceNeeds>
  readonly evaluate: (
    parameters: P,
    event: MonitorEvent,
    evidence: EvidenceContext,
  ) => Finding | null
}

/** A rule kind with its parameters already parsed (so the registry needs no `any`). */
export type CompiledKind = {
  readonly evidenceKeys: readonly string[]
  readonly needs: Partial<EvidenceNeeds>
  readonly evaluate: BoundEvaluator
}

/** Parses `raw` parameters with the kind's schema and binds them. Throws the zod error. */
export function compileKind<P>(kind: RuleKind<P>, raw: unknown): CompiledKind {
  const parameters = kind.parameters.parse(raw)
  return {
    evidenceKeys: kind.evidenceKeys,
    needs: kind.needs(parameters),
    evaluate: (event, evidence) => kind.evaluate(parameters, event, evidence),
  }
}
