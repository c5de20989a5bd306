import {
  applyTransfer,
  checkAmount,
  deliver,
  type Flow,
  loadScratch,
  piecesOf,
  receive,
  record,
  takeOutflow,
} from './applyTransfer.js'
import type { FifoLots } from './fifoLots.js'
import { type LegPlan, matchLegs } from './matchLegs.js'
import { parseBridgeMemo } from './parseBridgeMemo.js'
import { convertSwapTaint, type SwapStash, single, taintedOf, unionPieces } from './swapPieces.js'
import type {
  BridgeDepositEvent,
  CrossAssetEvent,
  ForwardEvent,
  SwapEvent,
  TransferEvent,
} from './TraceEvent.js'
import type { CrossChainLink } from './TraceResult.js'
import { holderIn, holderMap, type TraceState } from './traceState.js'

/** An account-model event: a transfer, or a swap or bridge deposit annotating its transaction. */
export type AccountEvent = TransferEvent | CrossAssetEvent

/**
 * `${chain}|${txHash}` of the transactions with a swap or bridge deposit, when the events are an
 * array (scanned once); null for another iterable, whose transactions are not known up front.
 */
export function annotatedTransactions(events: Iterable<ForwardEvent>): Set<string> | null {
  if (!Array.isArray(events)) return null
  const keys = new Set<string>()
  for (const ev of events as readonly ForwardEvent[]) {
    if (ev.kind === 'swap' || ev.kind === 'bridge-deposit') keys.add(`${ev.chain}|${ev.txHash}`)
  }
  return keys
}

/**
 * Applies the events of one transaction group (same chain, block and tx index), in order.
 * Without swaps or deposits, every transfer is applied as it comes. Otherwise each matched
 * swap's legs are applied together at the later leg's position, and each deposit's value leg
 * sends its taint off the chain (docs/tracing.md, "Across assets and chains").
 * `seeded[i]`: events[i] is a seeded transfer.
 */
export function applyAccountGroup(
  state: TraceState,
  events: readonly AccountEvent[],
  seeded: readonly boolean[],
): void {
  let annotated = false
  for (const ev of events) if (ev.kind !== 'transfer') annotated = true
  if (!annotated) {
    for (const [i, ev] of events.entries()) {
      if (ev.kind === 'transfer') applyTransfer(state, ev, seeded[i] === true)
    }
    return
  }
  const transfers: TransferEvent[] = []
  const transferSeeded: boolean[] = []
  const swaps: SwapEvent[] = []
  const deposits: BridgeDepositEvent[] = []
  for (const [i, ev] of events.entries()) {
    if (ev.kind === 'transfer') {
      transfers.push(ev)
      transferSeeded.push(seeded[i] === true)
    } else if (ev.kind === 'swap') swaps.push(ev)
    else deposits.push(ev)
  }
  const plan = matchLegs(transfers, swaps, deposits, state.isStop)
  state.unmatchedSwaps += plan.unmatchedSwaps
  state.unmatchedBridgeDeposits += plan.unmatchedBridgeDeposits
  const deferred = new Set<number>()
  const at = new Map<number, number[]>()
  for (const [k, legs] of plan.swaps.entries()) {
    if (legs === null) continue
    deferred.add(legs.in)
    deferred.add(legs.out)
    // V2 takes in, then pays out; V3 pays out first: the composite waits for the later leg.
    const point = Math.max(legs.in, legs.out)
    const list = at.get(point)
    if (list === undefined) at.set(point, [k])
    else list.push(k)
  }
  const run = new LegRun(state, { transfers, transferSeeded, swaps, deposits, plan })
  for (const [i, ev] of transfers.entries()) {
    if (!deferred.has(i)) {
      if (plan.depositOf.has(i)) run.leg(i)
      else applyTransfer(state, ev, transferSeeded[i] === true)
    }
    for (const k of at.get(i) ?? []) {
      const legs = plan.swaps[k]
      if (legs === null || legs === undefined) continue
      run.leg(legs.in)
      run.leg(legs.out)
    }
  }
}

type Group = {
  readonly transfers: readonly TransferEvent[]
  readonly transferSeeded: readonly boolean[]
  readonly swaps: readonly SwapEvent[]
  readonly deposits: readonly BridgeDepositEvent[]
  readonly plan: LegPlan
}

const BUSY = 1
const DONE = 2

/** Applies legs of one group, each once, an out-leg after the in-leg it converts. */
class LegRun {
  private readonly status = new Map<number, number>()
  private readonly stashes = new Map<number, SwapStash>()

  constructor(
    private readonly state: TraceState,
    private readonly group: Group,
  ) {}

  leg(i: number): void {
    // BUSY: a cycle of swaps feeding each other (not a real route); the inner one sees no taint.
    if (this.status.has(i)) return
    this.status.set(i, BUSY)
    const { state, group } = this
    const ev = group.transfers[i]
    if (ev === undefined || !checkAmount(ev)) {
      this.status.set(i, DONE)
      return
    }
    const { amount } = ev
    const fifo = state.policy === 'fifo'
    const holders = holderMap(state, ev.chain, ev.asset)
    let carried: bigint
    let hop: number
    let pieces: FifoLots | null = null
    const source = group.plan.outOf.get(i)
    const swap = source === undefined ? undefined : group.swaps[source]
    if (source === undefined || swap === undefined) {
      const out = takeOutflow(state, holders, ev, amount)
      carried = out.carried
      hop = out.hop
      if (fifo) pieces = piecesOf(state, out, amount)
    } else {
      const inLeg = group.plan.swaps[source]?.in
      if (inLeg !== undefined) this.leg(inLeg)
      const stash = this.stashes.get(source) ?? null
      // The pool pays out as usual: taint it holds itself (rare: value sent to it outside a
      // swap) leaves with the out-leg, and the converted taint joins it, up to the amount.
      const own = takeOutflow(state, holderMap(state, ev.chain, ev.asset), ev, amount)
      const ownCarried = own.carried
      const ownHop = own.hop
      const ownPieces = fifo ? piecesOf(state, own, amount) : null
      const converted = convertSwapTaint(state.policy, stash, swap.amountIn, amount)
      if (ownPieces !== null && converted.pieces !== null) {
        pieces = unionPieces(ownPieces, converted.pieces)
        carried = taintedOf(pieces)
      } else {
        carried = ownCarried + converted.taint
        if (carried > amount) carried = amount
      }
      const gained = carried - ownCarried
      state.totals.swappedIn += gained
      hop = ownHop
      if (gained > 0n && stash !== null && (ownCarried === 0n || stash.hop < ownHop)) {
        hop = stash.hop
      }
    }
    const seeded = group.transferSeeded[i] === true
    if (seeded) {
      state.totals.seeded += amount - carried
      carried = amount
      hop = 0
      if (fifo) pieces = single(amount, true)
    }
    const swapIn = group.plan.inOf.get(i)
    const deposit = group.plan.depositOf.get(i)
    if ((swapIn !== undefined || deposit !== undefined) && ev.to !== null) {
      // The pool or the vault receives the amount clean: the taint is converted, or it leaves.
      receive(state, holderIn(state, holders, ev.chain, ev.asset, ev.to), amount, 0n, 0, 0n)
      if (swapIn !== undefined) {
        this.stashes.set(swapIn, { taint: carried, hop, pieces })
        state.totals.swappedOut += carried
        if (carried > 0n) record(state, ev, carried, hop, 'swap')
      } else {
        state.totals.bridged += carried
        const d = deposit === undefined ? undefined : group.deposits[deposit]
        if (carried > 0n && d !== undefined) {
          record(state, ev, carried, hop, 'bridge')
          state.links.push(linkOf(d, carried, hop))
        }
      }
    } else {
      const out: Flow = { carried, hop, fromLots: 0n }
      if (pieces !== null && carried > 0n) {
        loadScratch(state, pieces)
        out.fromLots = amount
      }
      deliver(state, holders, ev, out, seeded)
    }
    this.status.set(i, DONE)
  }
}

/** A tainted deposit's link, not yet matched to an outbound payment (`traceStore` does that). */
function linkOf(d: BridgeDepositEvent, tainted: bigint, hop: number): CrossChainLink {
  const memo = parseBridgeMemo(d.memo)
  return {
    chain: d.chain,
    txHash: d.txHash,
    position: d.position,
    blockHeight: d.blockHeight,
    blockTime: d.blockTime,
    router: d.router,
    vault: d.vault,
    depositor: d.depositor,
    memo: d.memo,
    destinationChain: memo?.chain ?? null,
    destinationAsset: memo?.asset ?? null,
    destinationAddress: memo?.address ?? null,
    asset: d.asset,
    amount: d.amount,
    tainted,
    hop,
    outbound: null,
    timeDelta: null,
    seeded: 0n,
    otherCandidates: [],
    evidence: [
      { kind: 'memo', value: d.memo },
      ...(memo === null
        ? [{ kind: 'unmatched' as const, value: 'the memo is not a swap memo with a destination' }]
        : [{ kind: 'destination' as const, value: `${memo.asset} ${memo.address}` }]),
    ],
    confidence: 'none',
  }
}
