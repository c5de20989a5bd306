import { performance } from 'node:perf_hooks'
import { type ChainId, isChainId } from '../chain/index.js'
import { type Category, isRiskCategory } from '../screening/index.js'
import type { Designation, MonitorEventRecord, Store } from '../store/index.js'
import { alertOf } from './buildAlert.js'
import type { Alert, RuleHit, Severity } from './model.js'
import { defaultScoring, type ScoringConfig, scoreHits } from './scoreHits.js'

export const DEFAULT_RETRO_HUNT_DAYS = 90
const DAY_SECONDS = 86_400

/** Severity and points of a retro-hunt hit per category: the shipped pack's direct-* rules. */
const weights: Readonly<Record<Category, { severity: Severity; score: number }>> = {
  sanctioned: { severity: 'critical', score: 100 },
  'stolen-funds': { severity: 'critical', score: 100 },
  hacker: { severity: 'high', score: 70 },
  ransomware: { severity: 'high', score: 70 },
  mixer: { severity: 'high', score: 60 },
  scam: { severity: 'high', score: 50 },
  exchange: { severity: 'low', score: 0 },
  bridge: { severity: 'low', score: 0 },
  dex: { severity: 'low', score: 0 },
  other: { severity: 'low', score: 0 },
}

/** The origin of a retro-hunt alert: the indicator (list and address) that raised it. */
export function retroHuntOrigin(designation: Pick<Designation, 'list' | 'address'>): string {
  return `retro-hunt:${designation.list}:${designation.address}`
}

/** Designations a retro-hunt screens: risk categories on a chain monitoring knows. */
export function huntedDesignations(
  designations: readonly Designation[],
): readonly (Designation & { readonly chain: ChainId })[] {
  return designations.filter(
    (d): d is Designation & { readonly chain: ChainId } =>
      isRiskCategory(d.category) && isChainId(d.chain),
  )
}

/**
 * The alerts past events raise against new designations: one per (event, list, address), with a
 * hit per designation of that address by that list. Pure.
 */
export function retroAlerts(
  designations: readonly Designation[],
  events: readonly MonitorEventRecord[],
  createdAt: string,
  scoring: ScoringConfig = defaultScoring,
): readonly Alert[] {
  const byIndicator = new Map<string, Designation[]>()
  for (const d of huntedDesignations(designations)) {
    const key = `${d.chain}\u0000${d.address}`
    byIndicator.set(key, [...(byIndicator.get(key) ?? []), d])
  }
  const alerts: Alert[] = []
  for (const event of events) {
    const matching = byIndicator.get(`${event.chain}\u0000${event.counterparty}`) ?? []
    const lists = new Map<string, Designation[]>()
    for (const d of matching) lists.set(d.list, [...(lists.get(d.list) ?? []), d])
    for (const group of lists.values()) {
      const first = group[0]
      if (first === undefined) continue
      const origin = retroHuntOrigin(first)
      const verdict = scoreHits(
        group.map((d) => hitOf(d, event)),
        scoring,
      )
      // A designation found later is reviewed at least: the event was already credited or sent.
      const decision = verdict.decision === 'allow' ? 'review' : verdict.decision
      alerts.push(alertOf(event, { ...verdict, decision }, origin, createdAt))
    }
  }
  return alerts
}

function hitOf(d: Designation, event: MonitorEventRecord): RuleHit {
  const { severity, score } = weights[d.category]
  const role = event.direction === 'deposit' ? 'sender' : 'recipient'
  return {
    ruleId: 'retro-hunt',
    ruleVersion: 1,
    severity,
    score,
    reason: `Counterparty ${d.address} (${role} of this ${event.direction}) was designated ${d.category} by ${d.list}${d.entity === null ? '' : ` (${d.entity})`} after the event.`,
    evidence: {
      list: d.list,
      address: d.address,
      category: d.category,
      entity: d.entity,
      entityId: d.entityId,
      programmes: d.programmes,
      confidence: d.confidence,
      designatedSince: d.since,
      event: {
        org: event.org,
        account: event.account,
        direction: event.direction,
        chain: event.chain,
        txHash: event.txHash,
        index: event.index,
        counterparty: event.counterparty,
        asset: event.asset,
        amount: event.amount.toString(),
        time: event.time,
      },
    },
  }
}

export type RetroHuntParameters = {
  readonly store: Pick<Store, 'monitorEventsByCounterparty' | 'recordRetroAlerts'>
  /** The designations added (a new list version's, or an analyst's indicators). */
  readonly designations: readonly Designation[]
  /** How far back events are re-screened; default 90. */
  readonly days?: number
  readonly now?: Date
  readonly scoring?: ScoringConfig
}

export type RetroHuntResult = {
  /** Risk designations screened (venues and unknown chains are left out). */
  readonly designations: number
  /** Past events in the window whose counterparty they designate. */
  readonly events: number
  /** Alerts raised now. */
  readonly alerts: number
  /** Alerts an earlier hunt of the same indicator already raised (not duplicated). */
  readonly alreadyAlerted: number
  readonly since: number
  readonly elapsedMs: number
}

/**
 * Retro-hunt: re-screens the stored events of the last `days` days against newly added
 * designations and stores an alert per match (idempotent: re-running adds nothing).
 */
export async function retroHunt({
  store,
  designations,
  days = DEFAULT_RETRO_HUNT_DAYS,
  now = new Date(),
  scoring = defaultScoring,
}: RetroHuntParameters): Promise<RetroHuntResult> {
  const started = performance.now()
  const hunted = huntedDesignations(designations)
  const since = Math.floor(now.getTime() / 1000) - Math.round(days * DAY_SECONDS)
  const byChain = new Map<ChainId, string[]>()
  for (const d of hunted) byChain.set(d.chain, [...(byChain.get(d.chain) ?? []), d.address])
  const events: MonitorEventRecord[] = []
  for (const [chain, addresses] of byChain) {
    events.push(...(await store.monitorEventsByCounterparty({ chain, addresses, since })))
  }
  const alerts = retroAlerts(hunted, events, now.toISOString(), scoring)
  const inserted = await store.recordRetroAlerts(alerts)
  return {
    designations: hunted.length,
    events: events.length,
    alerts: inserted,
    alreadyAlerted: alerts.length - inserted,
    since,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  }
}
