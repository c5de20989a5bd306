import type { AlertFilter, Store } from '../store/index.js'
import { type DecideDeps, decideEvent } from './decideEvent.js'
import { cachedEvidenceStore } from './evidenceCache.js'
import type { Alert, DecidedEvent, MonitorEvent } from './model.js'
import type { RuleSet } from './rules/RuleSet.js'
import { defaultScoring, type ScoringConfig } from './scoreHits.js'
import { alertOfRecord } from './storedHits.js'

export type MonitorStore = DecideDeps['store'] &
  Pick<Store, 'alerts'> &
  /** With these, designations are screened from an in-memory index (evidenceCache.ts). */
  Partial<Pick<Store, 'lists' | 'activeDesignations'>>

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
  /**
   * How long evidence reads (designations, flows, UTXO transactions) are reused across decisions,
   * in ms: the staleness bound of a decision (docs/monitoring.md). 0 reads everything afresh.
   */
  readonly evidenceTtlMs?: number
}

/** Default evidence reuse: new designations and imported flows count within two seconds. */
export const DEFAULT_EVIDENCE_TTL_MS = 2_000

export function createMonitor({
  store,
  rules,
  scoring = defaultScoring,
  now = () => new Date(),
  evidenceTtlMs = DEFAULT_EVIDENCE_TTL_MS,
}: CreateMonitorParameters): Monitor {
  const cached = cachedEvidenceStore(store, { ttlMs: evidenceTtlMs })
  const deps: DecideDeps = {
    store: {
      designations: (parameters) => cached.designations(parameters),
      counterparties: (parameters) => cached.counterparties(parameters),
      utxoTransactions: (parameters) => cached.utxoTransactions(parameters),
      accountEvents: (parameters) => cached.accountEvents(parameters),
      monitorDecision: (key) => store.monitorDecision(key),
      recordMonitorDecision: (input) => store.recordMonitorDecision(input),
    },
    rules,
    scoring,
    now,
  }
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
