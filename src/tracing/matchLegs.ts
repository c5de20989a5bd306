import type { ChainId } from '../chain/index.js'
import type { BridgeDepositEvent, SwapEvent, TransferEvent } from './TraceEvent.js'

/** A matched swap: the indexes of its in-leg and out-leg among the transaction's transfers. */
export type SwapLegs = { readonly in: number; readonly out: number }

/** Which transfers of a transaction group are swap legs and bridge value legs. */
export type LegPlan = {
  /** Per swap event: its legs, or null when it is not applied (unmatched, or its pool is a stop). */
  readonly swaps: readonly (SwapLegs | null)[]
  /** Transfer index → the swap it is the in-leg of. */
  readonly inOf: ReadonlyMap<number, number>
  /** Transfer index → the swap it is the out-leg of. */
  readonly outOf: ReadonlyMap<number, number>
  /** Transfer index → the bridge deposit it is the value leg of. */
  readonly depositOf: ReadonlyMap<number, number>
  readonly unmatchedSwaps: number
  readonly unmatchedBridgeDeposits: number
}

/**
 * Finds each swap's legs and each deposit's value leg among the transfers of its transaction
 * (docs/tracing.md, "Across assets and chains"):
 * - in-leg: the first transfer of `tokenIn`, `amountIn`, to the pool not already an in-leg;
 * - out-leg: the first other transfer of `tokenOut`, `amountOut`, from the pool to the
 *   recipient not already an out-leg (it may be the next swap's in-leg: a multi-hop route);
 * - value leg: the first transfer of the deposit's asset and amount from the depositor to the
 *   router or the vault, else to the vault, else to the router, that is no swap's in-leg and no
 *   other deposit's leg.
 * A swap or deposit with a missing leg (or a zero amount) is counted as unmatched and ignored.
 * One whose pool or vault is a stop address is not applied either: the stop absorbs as usual.
 */
export function matchLegs(
  transfers: readonly TransferEvent[],
  swaps: readonly SwapEvent[],
  deposits: readonly BridgeDepositEvent[],
  isStop: ((chain: ChainId, address: string) => boolean) | undefined,
): LegPlan {
  const inOf = new Map<number, number>()
  const outOf = new Map<number, number>()
  const depositOf = new Map<number, number>()
  const legs: (SwapLegs | null)[] = []
  let unmatchedSwaps = 0
  let unmatchedBridgeDeposits = 0
  const find = (test: (t: TransferEvent, index: number) => boolean): number =>
    transfers.findIndex((t, index) => test(t, index))
  for (const [k, s] of swaps.entries()) {
    legs.push(null)
    if (s.amountIn <= 0n || s.amountOut <= 0n) {
      unmatchedSwaps++
      continue
    }
    const inLeg = find(
      (t, j) =>
        !inOf.has(j) &&
        t.txHash === s.txHash &&
        t.asset === s.tokenIn &&
        t.to === s.pool &&
        t.amount === s.amountIn,
    )
    const outLeg = find(
      (t, j) =>
        j !== inLeg &&
        !outOf.has(j) &&
        t.txHash === s.txHash &&
        t.asset === s.tokenOut &&
        t.from === s.pool &&
        t.to === s.recipient &&
        t.amount === s.amountOut,
    )
    if (inLeg < 0 || outLeg < 0) {
      unmatchedSwaps++
      continue
    }
    if (isStop?.(s.chain, s.pool) === true) continue
    inOf.set(inLeg, k)
    outOf.set(outLeg, k)
    legs[k] = { in: inLeg, out: outLeg }
  }
  for (const [k, d] of deposits.entries()) {
    const candidate = (to: string, from?: string) => (t: TransferEvent, j: number) =>
      !inOf.has(j) &&
      !depositOf.has(j) &&
      t.txHash === d.txHash &&
      t.asset === d.asset &&
      t.to === to &&
      (from === undefined || t.from === from) &&
      t.amount === d.amount
    // The depositor's own transfer first: a router that forwards the value to the vault in the
    // same transaction is a conduit, and must not hold (under poison: keep) the taint.
    let leg = -1
    const tests =
      d.depositor === null
        ? [candidate(d.vault), candidate(d.router)]
        : [
            candidate(d.router, d.depositor),
            candidate(d.vault, d.depositor),
            candidate(d.vault),
            candidate(d.router),
          ]
    for (const test of tests) {
      if (leg >= 0 || d.amount <= 0n) break
      leg = find(test)
    }
    const to = transfers[leg]?.to
    if (to === undefined || to === null) {
      unmatchedBridgeDeposits++
      continue
    }
    if (isStop?.(d.chain, to) === true) continue
    depositOf.set(leg, k)
  }
  return { swaps: legs, inOf, outOf, depositOf, unmatchedSwaps, unmatchedBridgeDeposits }
}
