import { z } from 'zod'
import { directions } from './amounts.js'
import { ruleKindNames } from './kinds.js'

/**
 * A rule file (YAML): which evaluator (`kind`) with which `parameters`, how grave a hit is
 * (`severity`, `score` points), the explanation template filled with the hit's evidence, and the
 * FATF red-flag indicators it implements.
 */
export const ruleFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    version: z.number().int().min(1),
    title: z.string().min(1),
    kind: z.enum(ruleKindNames),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    score: z.number().int().min(0).max(100),
    directions: directions.default(['deposit', 'withdrawal']),
    enabled: z.boolean().default(true),
    parameters: z.record(z.string(), z.unknown()).default({}),
    explanation: z.string().min(1),
    fatf: z.array(z.string().min(1)).default([]),
  })
  .strict()

export type RuleFile = z.output<typeof ruleFileSchema>
