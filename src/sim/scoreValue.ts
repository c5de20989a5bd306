import { chains, isChainId } from '../chain/index.js'
import type { Findings, ScoreTruth } from './findingsSchema.js'

export type AssetAmount = {
  readonly chain: string
  readonly asset: string
  readonly amount: bigint
}

export type HoldTally = { readonly count: number; readonly amounts: readonly AssetAmount[] }

export type ValueRow = {
  readonly chain: string
  readonly asset: string
  /** Ticker and decimals of a native asset; null for tokens (base units only). */
  readonly symbol: string | null
  readonly decimals: number | null
  readonly endpoints: number
  readonly endpointsHeld: number
  readonly endpointTotal: bigint
  readonly frozen: bigint
  readonly escaped: bigint
}

export type ValueScore = {
  readonly byAsset: readonly ValueRow[]
  /** Endpoints with a hold: seconds from the first value arriving to the first hold. */
  readonly holdDelay: {
    readonly endpoints: number
    readonly median: number | null
    readonly p90: number | null
  }
  /** Held beyond what reached the endpoint (not frozen: there was nothing more to freeze). */
  readonly overHeld: HoldTally
  /** Holds on thief addresses that are not endpoints: stolen value passes through, none rests. */
  readonly offEndpoints: HoldTally
  /** Holds on addresses the truth does not involve: innocent users' value frozen. */
  readonly wrongful: HoldTally
}

export const key = (chain: string, address: string) => `${chain}|${address}`

/** Nearest-rank percentile of sorted whole seconds (p50 of an even count is the lower middle). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.max(0, Math.ceil((p * sorted.length) / 100) - 1)] ?? null
}

/** Math.min without spreading (scenarios have tens of thousands of steps). */
export const minimum = (values: readonly number[]) => values.reduce((a, b) => Math.min(a, b))

const smaller = (a: bigint, b: bigint) => (b < a ? b : a)

export function earliest(map: Map<string, number>, k: string, time: number): void {
  const seen = map.get(k)
  if (seen === undefined || time < seen) map.set(k, time)
}

/**
 * Value frozen vs escaped at the endpoints, per chain and asset, and where the other holds went.
 * `positive` says whether a `chain|address` key is involved in the truth.
 */
export function scoreValue(
  truth: ScoreTruth,
  findings: Findings,
  positive: (k: string) => boolean,
): ValueScore {
  // Holds are summed per address and asset; a hold freezes value only at an endpoint, where
  // stolen value rests (the scenarios never sweep endpoints), and at most what reached it.
  const held = new Map<string, { hold: AssetAmount & { address: string }; first: number }>()
  for (const h of findings.holds) {
    const k = `${key(h.chain, h.address)}|${h.asset}`
    const seen = held.get(k)
    held.set(k, {
      hold: { ...h, amount: (seen?.hold.amount ?? 0n) + h.amount },
      first: Math.min(seen?.first ?? h.time, h.time),
    })
  }
  const arrival = new Map<string, number>()
  for (const s of truth.steps) earliest(arrival, `${key(s.chain, s.to)}|${s.asset}`, s.time)

  const rows = new Map<string, ValueRow>()
  const holdDelays: number[] = []
  const atEndpoints = new Set<string>()
  const overHeld: AssetAmount[] = []
  for (const e of truth.endpoints) {
    const k = `${key(e.chain, e.address)}|${e.asset}`
    atEndpoints.add(k)
    const h = held.get(k)
    const frozen = h === undefined ? 0n : [h.hold.amount, e.amount].reduce(smaller)
    if (h !== undefined) {
      holdDelays.push(Math.max(0, h.first - (arrival.get(k) ?? h.first)))
      if (h.hold.amount > e.amount) overHeld.push({ ...e, amount: h.hold.amount - e.amount })
    }
    const r = `${e.chain}|${e.asset}`
    const native = e.asset === 'native' && isChainId(e.chain) ? chains[e.chain] : null
    const row = rows.get(r) ?? {
      chain: e.chain,
      asset: e.asset,
      symbol: native?.nativeAsset ?? null,
      decimals: native?.decimals ?? null,
      endpoints: 0,
      endpointsHeld: 0,
      endpointTotal: 0n,
      frozen: 0n,
      escaped: 0n,
    }
    rows.set(r, {
      ...row,
      endpoints: row.endpoints + 1,
      endpointsHeld: row.endpointsHeld + (frozen > 0n ? 1 : 0),
      endpointTotal: row.endpointTotal + e.amount,
      frozen: row.frozen + frozen,
      escaped: row.escaped + e.amount - frozen,
    })
  }
  const elsewhere = [...held.entries()].filter(([k]) => !atEndpoints.has(k)).map(([, h]) => h.hold)
  const isPositive = (h: { chain: string; address: string }) => positive(key(h.chain, h.address))
  const sortedDelays = holdDelays.sort((a, b) => a - b)
  return {
    byAsset: [...rows.values()].sort(
      (a, b) => a.chain.localeCompare(b.chain) || a.asset.localeCompare(b.asset),
    ),
    holdDelay: {
      endpoints: sortedDelays.length,
      median: nearestRank(sortedDelays, 50),
      p90: nearestRank(sortedDelays, 90),
    },
    overHeld: tally(overHeld, overHeld.length),
    offEndpoints: tallyHolds(findings, elsewhere.filter(isPositive)),
    wrongful: tallyHolds(
      findings,
      elsewhere.filter((h) => !isPositive(h)),
    ),
  }
}

/** Holds (the individual ones, counted) on the given address-asset groups. */
function tallyHolds(
  findings: Findings,
  groups: readonly (AssetAmount & { address: string })[],
): HoldTally {
  const keys = new Set(groups.map((g) => `${key(g.chain, g.address)}|${g.asset}`))
  const count = findings.holds.filter((h) => keys.has(`${key(h.chain, h.address)}|${h.asset}`))
  return tally(groups, count.length)
}

function tally(amounts: readonly AssetAmount[], count: number): HoldTally {
  const sums = new Map<string, AssetAmount>()
  for (const a of amounts) {
    const k = `${a.chain}|${a.asset}`
    sums.set(k, {
      chain: a.chain,
      asset: a.asset,
      amount: (sums.get(k)?.amount ?? 0n) + a.amount,
    })
  }
  const sorted = [...sums.values()].sort(
    (a, b) => a.chain.localeCompare(b.chain) || a.asset.localeCompare(b.asset),
  )
  return { count, amounts: sorted }
}
