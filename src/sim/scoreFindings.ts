import type { Findings, ScoreTruth } from './findingsSchema.js'
import { earliest, key, minimum, nearestRank, scoreValue, type ValueScore } from './scoreValue.js'

export type { AssetAmount, HoldTally, ValueRow, ValueScore } from './scoreValue.js'

/** A share in [0, 1] to 4 decimals; null when nothing was there to share. */
export type Ratio = number | null

export type Recall = { readonly total: number; readonly found: number; readonly recall: Ratio }

export type AddressScore = {
  /** A chain, or `all`. */
  readonly chain: string
  /** Distinct addresses the participant named (flag, alert or hold). */
  readonly named: number
  readonly truePositives: number
  readonly falsePositives: number
  readonly precision: Ratio
  readonly thief: Recall
  readonly endpoints: Recall
}

export type FalsePositive = {
  readonly chain: string
  readonly address: string
  /** The organisation whose service address it is (exchange hot wallet, bridge, DEX…), if any. */
  readonly organisation: string | null
  readonly kind: string | null
}

export type DetectionRow = {
  /** A chain and technique, or `all` and `all`. */
  readonly chain: string
  readonly technique: string
  readonly steps: number
  readonly detected: number
  readonly undetected: number
  /** Seconds from the step to its first finding (0 when the finding came first); nearest rank. */
  readonly medianDelay: number | null
  readonly p90Delay: number | null
}

export type ScoreReport = {
  readonly participant: string
  readonly scenario: string | null
  readonly seed: number | null
  readonly findings: { readonly flagged: number; readonly alerts: number; readonly holds: number }
  readonly addresses: {
    readonly all: AddressScore
    readonly byChain: readonly AddressScore[]
    readonly falsePositives: readonly FalsePositive[]
    /** False positives that are organisations' service addresses (subset of falsePositives). */
    readonly serviceAddressesNamed: number
  }
  readonly alerts: {
    readonly total: number
    readonly onTruth: number
    readonly false: number
    readonly precision: Ratio
  }
  readonly detection: {
    readonly theftTime: number | null
    readonly firstDetectionTime: number | null
    readonly firstDetectionDelay: number | null
    readonly overall: DetectionRow
    readonly byTechnique: readonly DetectionRow[]
  }
  readonly value: ValueScore
}

const ratio = (part: number, whole: number): Ratio =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

/**
 * Scores a participant's findings against a scenario's truth: which involved addresses they
 * named (precision, recall), how soon after each laundering step they named it, and how much of
 * the value that reached the endpoints their holds froze. Pure; rules in docs/scenarios.md.
 */
export function scoreFindings(truth: ScoreTruth, findings: Findings): ScoreReport {
  // Positives: every address the thief controls and every address stolen value ends at.
  const thief = new Set<string>()
  for (const [chain, list] of Object.entries(truth.thiefAddresses))
    for (const a of list) thief.add(key(chain, a))
  const endpointAddresses = new Set(truth.endpoints.map((e) => key(e.chain, e.address)))
  const positive = (k: string) => thief.has(k) || endpointAddresses.has(k)
  const services = new Map<string, { name: string; kind: string }>()
  for (const o of truth.organisations)
    for (const a of o.addresses) services.set(a, { name: o.name, kind: o.kind })

  // First time each address and each transaction was named, by any kind of finding.
  const namedAt = new Map<string, number>()
  const alertedTxAt = new Map<string, number>()
  for (const f of findings.flagged) earliest(namedAt, key(f.chain, f.address), f.time)
  for (const h of findings.holds) earliest(namedAt, key(h.chain, h.address), h.time)
  for (const a of findings.alerts) {
    if (a.address !== null) earliest(namedAt, key(a.chain, a.address), a.time)
    if (a.txHash !== null) earliest(alertedTxAt, key(a.chain, a.txHash), a.time)
  }

  const chainNames = [
    ...new Set([
      ...Object.keys(truth.thiefAddresses),
      ...truth.steps.map((s) => s.chain),
      ...truth.endpoints.map((e) => e.chain),
    ]),
  ].sort()
  const addressScore = (chain: string | null): AddressScore => {
    const on = (k: string) => chain === null || k.startsWith(`${chain}|`)
    const named = [...namedAt.keys()].filter(on)
    const truePositives = named.filter(positive).length
    const recall = (set: Set<string>): Recall => {
      const all = [...set].filter(on)
      const found = all.filter((k) => namedAt.has(k)).length
      return { total: all.length, found, recall: ratio(found, all.length) }
    }
    return {
      chain: chain ?? 'all',
      named: named.length,
      truePositives,
      falsePositives: named.length - truePositives,
      precision: ratio(truePositives, named.length),
      thief: recall(thief),
      endpoints: recall(endpointAddresses),
    }
  }
  const falsePositives: FalsePositive[] = [...namedAt.keys()]
    .filter((k) => !positive(k))
    .map((k) => {
      const [chain = '', address = ''] = k.split('|')
      const service = services.get(address)
      return { chain, address, organisation: service?.name ?? null, kind: service?.kind ?? null }
    })
    .sort((a, b) => a.chain.localeCompare(b.chain) || a.address.localeCompare(b.address))

  const truthTxs = new Set(truth.steps.map((s) => key(s.chain, s.txHash)))
  const alertsOnTruth = findings.alerts.filter(
    (a) =>
      (a.txHash !== null && truthTxs.has(key(a.chain, a.txHash))) ||
      (a.address !== null && positive(key(a.chain, a.address))),
  ).length

  return {
    participant: findings.participant,
    scenario: truth.scenario,
    seed: truth.seed,
    findings: {
      flagged: findings.flagged.length,
      alerts: findings.alerts.length,
      holds: findings.holds.length,
    },
    addresses: {
      all: addressScore(null),
      byChain: chainNames.map(addressScore),
      falsePositives,
      serviceAddressesNamed: falsePositives.filter((f) => f.organisation !== null).length,
    },
    alerts: {
      total: findings.alerts.length,
      onTruth: alertsOnTruth,
      false: findings.alerts.length - alertsOnTruth,
      precision: ratio(alertsOnTruth, findings.alerts.length),
    },
    detection: detection(truth, positive, namedAt, alertedTxAt),
    value: scoreValue(truth, findings, positive),
  }
}

function detection(
  truth: ScoreTruth,
  positive: (k: string) => boolean,
  namedAt: Map<string, number>,
  alertedTxAt: Map<string, number>,
): ScoreReport['detection'] {
  // A step is detected through the address it delivers to when that is involved; a step into a
  // service (token → pool, deposit → bridge router) through the involved addresses of its
  // transaction, i.e. the thief who sent it; any step through an alert on its transaction.
  const txPositives = new Map<string, Set<string>>()
  for (const s of truth.steps) {
    const tx = key(s.chain, s.txHash)
    const set = txPositives.get(tx) ?? new Set<string>()
    for (const a of [s.from, s.to])
      if (a !== null && positive(key(s.chain, a))) set.add(key(s.chain, a))
    txPositives.set(tx, set)
  }
  const groups = new Map<string, { chain: string; technique: string; first: number }>()
  const delays = new Map<string, number[]>()
  const undetected = new Map<string, number>()
  for (const s of truth.steps) {
    const g = `${s.chain}|${s.technique}`
    const group = groups.get(g)
    if (group === undefined)
      groups.set(g, { chain: s.chain, technique: s.technique, first: s.time })
    else group.first = Math.min(group.first, s.time)
    const to = key(s.chain, s.to)
    const subjects = positive(to) ? [to] : [...(txPositives.get(key(s.chain, s.txHash)) ?? [])]
    const times = [
      ...subjects.map((k) => namedAt.get(k)),
      alertedTxAt.get(key(s.chain, s.txHash)),
    ].filter((t) => t !== undefined)
    if (times.length === 0) undetected.set(g, (undetected.get(g) ?? 0) + 1)
    else {
      const list = delays.get(g) ?? []
      list.push(Math.max(0, minimum(times) - s.time))
      delays.set(g, list)
    }
  }
  const row = (chain: string, technique: string, d: number[], missed: number): DetectionRow => {
    const sorted = [...d].sort((a, b) => a - b)
    return {
      chain,
      technique,
      steps: d.length + missed,
      detected: d.length,
      undetected: missed,
      medianDelay: nearestRank(sorted, 50),
      p90Delay: nearestRank(sorted, 90),
    }
  }
  const byTechnique = [...groups.entries()]
    .sort(([, a], [, b]) => a.first - b.first || a.technique.localeCompare(b.technique))
    .map(([g, { chain, technique }]) =>
      row(chain, technique, delays.get(g) ?? [], undetected.get(g) ?? 0),
    )
  const thefts = truth.steps.filter((s) => s.technique === 'theft')
  const theftTimes = (thefts.length > 0 ? thefts : truth.steps).map((s) => s.time)
  const theftTime = theftTimes.length === 0 ? null : minimum(theftTimes)
  // The first finding that names anything the truth involves (address or transaction).
  const truthTxs = new Set(truth.steps.map((s) => key(s.chain, s.txHash)))
  const hits = [
    ...[...namedAt.entries()].filter(([k]) => positive(k)).map(([, t]) => t),
    ...[...alertedTxAt.entries()].filter(([k]) => truthTxs.has(k)).map(([, t]) => t),
  ]
  const firstDetectionTime = hits.length === 0 ? null : minimum(hits)
  return {
    theftTime,
    firstDetectionTime,
    firstDetectionDelay:
      firstDetectionTime === null || theftTime === null
        ? null
        : Math.max(0, firstDetectionTime - theftTime),
    overall: row(
      'all',
      'all',
      [...delays.values()].flat(),
      [...undetected.values()].reduce((a, b) => a + b, 0),
    ),
    byTechnique,
  }
}
