import type { TraceSeed } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'

/**
 * A predicate on `txHash:index` outpoints: true for a seeded output (or any output of a
 * whole-transaction seed) and for every output the result lists as carrying taint.
 */
export function taintedOutpoint(
  seeds: readonly TraceSeed[],
  result: TraceResult,
): (outpoint: string) => boolean {
  const tainted = new Set<string>()
  const wholeTx = new Set<string>()
  for (const seed of seeds) {
    if (seed.kind !== 'output') continue
    if (seed.outputIndex === undefined) wholeTx.add(seed.txHash)
    else tainted.add(`${seed.txHash}:${seed.outputIndex}`)
  }
  for (const t of result.transfers) {
    if (t.outputIndex !== null) tainted.add(`${t.txHash}:${t.outputIndex}`)
  }
  return (outpoint) =>
    tainted.has(outpoint) || wholeTx.has(outpoint.slice(0, outpoint.lastIndexOf(':')))
}
