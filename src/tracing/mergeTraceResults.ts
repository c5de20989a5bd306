import type { Designation } from '../store/index.js'
import type { TracePolicy } from './TraceEvent.js'
import type { CrossChainLink, TraceEndpoint, TraceResult, TraceTotals } from './TraceResult.js'
import { compareKeys, emptyTotals } from './traceState.js'

/**
 * One result of per-chain passes (ethereum first): holdings and endpoints re-sorted, transfers
 * in pass order, totals summed (so conservation holds for the sum), `links` as given.
 */
export function mergeTraceResults(
  policy: TracePolicy,
  results: readonly TraceResult[],
  links: readonly CrossChainLink[],
): TraceResult {
  const totals = emptyTotals()
  for (const result of results) {
    for (const key of Object.keys(totals) as (keyof TraceTotals)[])
      totals[key] += result.totals[key]
  }
  return {
    policy,
    holdings: results.flatMap((r) => r.holdings).sort(compareKeys),
    endpoints: results.flatMap((r) => r.endpoints).sort(compareKeys),
    transfers: results.flatMap((r) => r.transfers),
    totals,
    links,
    unmatchedSwaps: results.reduce((sum, r) => sum + r.unmatchedSwaps, 0),
    unmatchedBridgeDeposits: results.reduce((sum, r) => sum + r.unmatchedBridgeDeposits, 0),
    eventsApplied: results.reduce((sum, r) => sum + r.eventsApplied, 0),
  }
}

/** Endpoints with the designation that made each a stop (list, category, entity, label). */
export function labelEndpoints(
  endpoints: readonly TraceEndpoint[],
  stops: ReadonlyMap<string, Designation>,
): TraceEndpoint[] {
  return endpoints.map((e) => {
    const d = stops.get(e.address)
    return d === undefined
      ? e
      : { ...e, list: d.list, category: d.category, entity: d.entity, label: d.label }
  })
}

/**
 * Stop addresses → the designation that names them a stop: among several, the highest
 * confidence, then the first list by name (so the choice does not depend on read order).
 */
export function stopDesignations(
  designations: readonly Designation[],
  categories: readonly string[],
): Map<string, Designation> {
  const stops = new Map<string, Designation>()
  for (const d of designations) {
    if (!categories.includes(d.category)) continue
    const current = stops.get(d.address)
    if (
      current === undefined ||
      d.confidence > current.confidence ||
      (d.confidence === current.confidence && d.list < current.list)
    ) {
      stops.set(d.address, d)
    }
  }
  return stops
}
