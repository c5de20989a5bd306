import type { z } from 'zod'
import { ChainwatchError } from '../errors/index.js'
import { MAX_EVENTS_PER_REQUEST, monitorEventWireSchema } from './eventSchema.js'
import type { MonitorEvent } from './model.js'
import { parseMonitorEvent } from './parseMonitorEvent.js'

/**
 * Validates a whole `POST /v1/monitor/events` body — one event or `{ events: [...] }` — before
 * anything is decided, so a bad event rejects the request with nothing stored. Errors name the
 * event and field: `input.invalid` ("events[2].amount must be greater than zero"),
 * `address.invalid`, `input.too_large` past `MAX_EVENTS_PER_REQUEST`.
 */
export function parseMonitorRequest(body: unknown): MonitorEvent[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('(body)', 'must be a JSON object: one event or { "events": [...] }')
  }
  const batch = 'events' in body
  if (batch) {
    const extra = Object.keys(body).filter((key) => key !== 'events')
    if (extra.length > 0) throw invalid(extra[0] ?? '', 'is not a known field of a batch')
  }
  const raw: unknown = batch ? (body as { events: unknown }).events : body
  const items = batch ? raw : [raw]
  if (!Array.isArray(items)) throw invalid('events', 'must be an array of events')
  if (items.length === 0) throw invalid('events', 'must hold at least one event')
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    throw new ChainwatchError(
      'input.too_large',
      `At most ${MAX_EVENTS_PER_REQUEST} events per request (got ${items.length}).`,
      { meta: { events: items.length, max: MAX_EVENTS_PER_REQUEST } },
    )
  }
  return items.map((item, i) => {
    const where = batch ? `events[${i}]` : 'event'
    const parsed = monitorEventWireSchema.safeParse(item)
    if (!parsed.success) throw fromIssues(where, parsed.error)
    return parseMonitorEvent(parsed.data, where)
  })
}

function fromIssues(where: string, error: z.ZodError): ChainwatchError {
  const issues = error.issues.map((issue) => `${fieldOf(where, issue.path)} ${issueText(issue)}`)
  return new ChainwatchError('input.invalid', issues[0] ?? `${where} is invalid.`, {
    meta: { issues },
  })
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required'
  return issue.message
}

function fieldOf(where: string, path: readonly PropertyKey[]): string {
  return path.length === 0 ? where : `${where}.${path.map(String).join('.')}`
}

function invalid(field: string, message: string): ChainwatchError {
  return new ChainwatchError('input.invalid', `${field} ${message}`, { meta: { field } })
}
