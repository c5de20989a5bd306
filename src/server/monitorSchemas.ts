import { z } from '@hono/zod-openapi'
import { ChainwatchError } from '../errors/index.js'
import type { Alert } from '../monitoring/index.js'
import { type AlertFilter, parseAlertCursor } from '../store/index.js'

const hitSchema = z
  .object({
    ruleId: z.string(),
    ruleVersion: z.number().int(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    score: z.number().int(),
    reason: z.string(),
    evidence: z.record(z.string(), z.unknown()),
  })
  .openapi('RuleHit')

export const decidedSchema = z
  .object({
    org: z.string(),
    account: z.string(),
    chain: z.string(),
    txHash: z.string(),
    index: z.number().int(),
    decision: z.enum(['allow', 'review', 'hold']),
    score: z.number().int().openapi({ description: '0–100 (docs/monitoring.md#risk-score)' }),
    reasons: z.array(z.string()),
    hits: z.array(hitSchema),
    alertId: z.string().nullable(),
    duplicate: z.boolean().openapi({ description: 'Already decided: the stored verdict' }),
    decidedAt: z.string(),
  })
  .openapi('MonitorDecision')

export const alertSchema = z
  .object({
    id: z.string(),
    org: z.string(),
    account: z.string(),
    event: z.object({
      chain: z.string(),
      txHash: z.string(),
      index: z.number().int(),
      direction: z.enum(['deposit', 'withdrawal']),
      counterparty: z.string(),
      asset: z.string(),
      amount: z.string().openapi({ description: 'Base units, decimal string' }),
      time: z.number().int(),
    }),
    origin: z.string(),
    decision: z.enum(['allow', 'review', 'hold']),
    score: z.number().int(),
    hits: z.array(hitSchema),
    status: z.enum(['open', 'acknowledged', 'closed']),
    createdAt: z.string(),
  })
  .openapi('Alert')

const instant = z
  .string()
  .refine((v) => /^[0-9]+$/.test(v) || !Number.isNaN(Date.parse(v)), {
    error: 'must be unix seconds or an ISO 8601 date-time',
  })
  .optional()

export const alertQuerySchema = z.object({
  org: z.string().max(100).optional(),
  account: z.string().max(200).optional(),
  decision: z.enum(['review', 'hold']).optional(),
  status: z.enum(['open', 'acknowledged', 'closed']).optional(),
  since: instant.openapi({ description: 'createdAt ≥ since (unix seconds or ISO 8601)' }),
  until: instant.openapi({ description: 'createdAt ≤ until' }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: 'nextCursor of the previous page' }),
})

/** Query → store filter; times become ISO 8601, a foreign cursor is `input.invalid`. */
export function alertFilterOf(query: z.infer<typeof alertQuerySchema>): AlertFilter {
  if (query.cursor !== undefined && parseAlertCursor(query.cursor) === null) {
    throw new ChainwatchError('input.invalid', 'cursor is not a cursor this API returned.', {
      meta: { field: 'cursor' },
    })
  }
  const iso = (v: string | undefined) =>
    v === undefined
      ? undefined
      : new Date(/^[0-9]+$/.test(v) ? Number(v) * 1000 : Date.parse(v)).toISOString()
  const since = iso(query.since)
  const until = iso(query.until)
  return {
    ...(query.org === undefined ? {} : { org: query.org }),
    ...(query.account === undefined ? {} : { account: query.account }),
    ...(query.decision === undefined ? {} : { decision: query.decision }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  }
}

export function alertJson(alert: Alert) {
  return {
    ...alert,
    event: { ...alert.event, amount: alert.event.amount.toString() },
    hits: alert.hits.map((hit) => ({ ...hit, evidence: { ...hit.evidence } })),
  }
}
