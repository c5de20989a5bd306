import type { AlertFilter, Store } from '../store/index.js'
import { type DecideDeps, decideEvent } from './decideEvent.js'
import type { Alert, DecidedEvent, MonitorEvent } from './model.js'
import type { RuleSet } from './rules/RuleSet.js'
import { defaultScoring, type ScoringConfig } from './scoreHits.js'
import { alertOfRecord } from './storedHits.js'

export type MonitorStore = DecideDeps['store'] & Pick<Store, 'alerts'>

/** The monitoring service an intake talks to. */
export type Monitor = {
  /** Decides events in order (each sees the ones before it in the account history). */
  decide(events: readonly MonitorEvent[]): Promise<DecidedEvent[]>
  alerts(filter: AlertFilter): Promise<{ alerts: Alert[]; nextCursor: string | null }>
  /** The rule set in force. */
  rules(): RuleSet
}

export type CreateMonitorParameters = {
  readonly store: MonitorStore
  /** The rule set in force at each decision (a hot-reloading watcher's `current`). */
  readonly rules: () => RuleSet
  readonly scoring?: ScoringConfig
  readonly now?: () => Date
}

export function createMonitor({
  store,
  rules,
  scoring = defaultScoring,
  now = () => new Date(),
}: CreateMonitorParameters): Monitor {
  const deps: DecideDeps = { store, rules, scoring, now }
  return {
    decide: async (events) => {
      const decided: DecidedEvent[] = []
      for (const event of events) decided.push(await decideEvent(deps, event))
      return decided
    },
    alerts: async (filter) => {
      const page = await store.alerts(filter)
      return { alerts: page.alerts.map(alertOfRecord), nextCursor: page.nextCursor }
    },
    rules,
  }
}
