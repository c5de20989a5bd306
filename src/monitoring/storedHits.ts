import { z } from 'zod'
import type { AlertRecord } from '../store/index.js'
import type { Alert, RuleHit } from './model.js'

const ruleHitSchema = z.object({
  ruleId: z.string(),
  ruleVersion: z.number(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  score: z.number(),
  reason: z.string(),
  evidence: z.record(z.string(), z.unknown()),
})

/** Hits read back from the store, validated (the store keeps them as JSON). */
export function storedHits(hits: readonly unknown[]): RuleHit[] {
  return z.array(ruleHitSchema).parse(hits)
}

/** An alert as the store returns it, with validated hits. */
export function alertOfRecord(record: AlertRecord): Alert {
  return { ...record, hits: storedHits(record.hits) }
}
