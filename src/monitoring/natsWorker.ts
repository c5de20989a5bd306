import { ChainwatchError } from '../errors/index.js'
import type { Monitor } from './createMonitor.js'
import { decidedJson } from './decidedJson.js'
import type { DeliveryInfo, EventHandler } from './nats/natsEventIntake.js'
import { parseMonitorRequest } from './parseMonitorRequest.js'

/**
 * The handler a NATS worker runs for each event: validated as the HTTP intake validates it (one
 * event per message), its org must be the subject's, decided through the monitor (idempotent: a
 * redelivered event answers its stored decision), answered as the HTTP intake answers.
 */
export function natsEventHandler(monitor: Monitor): EventHandler {
  return async (payload: unknown, delivery: DeliveryInfo) => {
    if (typeof payload === 'object' && payload !== null && 'events' in payload) {
      throw new ChainwatchError('input.invalid', 'A NATS message carries one event, not a batch.')
    }
    const [event] = parseMonitorRequest(payload)
    if (event === undefined)
      throw new ChainwatchError('input.invalid', 'The message holds no event.')
    if (event.org !== delivery.org) {
      throw new ChainwatchError(
        'input.invalid',
        `event.org "${event.org}" does not match its subject's organisation "${delivery.org}".`,
        { meta: { org: event.org, subject: delivery.subject } },
      )
    }
    const [decided] = await monitor.decide([event])
    if (decided === undefined) throw new ChainwatchError('internal', 'No decision was returned.')
    return decidedJson(decided)
  }
}
