import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { type FifoLots, newLots, pushLot, takeLots } from './fifoLots.js'
import type { TransferEvent } from './TraceEvent.js'
import type { TaintFate } from './TraceResult.js'
import {
  absorbAtStop,
  balanceOf,
  type Holder,
  holderIn,
  holderMap,
  setBalance,
  type TraceState,
} from './traceState.js'

/**
 * What an outflow carries: its taint, the hop it arrives at, and (fifo) how much of the amount
 * the pieces in `state.scratch` cover (the rest is clean unknown history). One object, reused,
 * so that the hot path allocates nothing.
 */
export type Flow = { carried: bigint; hop: number; fromLots: bigint }

const flow: Flow = { carried: 0n, hop: 0, fromLots: 0n }

/** Applies one account-model transfer; `seeded`: the value it moves is a seed. */
export function applyTransfer(state: TraceState, ev: TransferEvent, seeded: boolean): void {
  const amount = ev.amount
  if (amount <= 0n && !checkAmount(ev)) return
  const holders = holderMap(state, ev.chain, ev.asset)
  let carried = 0n
  let hop = 0
  let fromLots = 0n
  if (ev.from !== null) {
    const out = takeOutflow(state, holders, ev, amount)
    carried = out.carried
    hop = out.hop
    fromLots = out.fromLots
  }
  if (seeded) {
    state.totals.seeded += amount - carried
    carried = amount
    hop = 0
    fromLots = 0n
  }
  if (ev.to === null) {
    if (carried > 0n) {
      state.totals.burned += carried
      record(state, ev, carried, hop, 'burned')
    }
    return
  }
  const r = holderIn(state, holders, ev.chain, ev.asset, ev.to)
  let delivered = carried
  if (carried > 0n) delivered = arrive(state, ev, ev.to, r, carried, hop, seeded)
  receive(state, r, amount, delivered, hop, fromLots)
}

/** Checks a tainted arrival (hop limit, dust, stop), lists it; returns the taint the recipient keeps. */
function arrive(
  state: TraceState,
  ev: TransferEvent,
  to: string,
  r: Holder,
  carried: bigint,
  hop: number,
  seeded: boolean,
): bigint {
  if (r.seed) {
    record(state, ev, carried, hop, 'held')
    return carried
  }
  const { totals } = state
  let fate: TaintFate = 'held'
  if (!seeded && hop > state.maxHops) {
    fate = 'hop-limit'
    totals.hopLimit += carried
  } else if (!seeded && carried < state.dust) {
    fate = 'dust'
    totals.dust += carried
  } else if (state.isStop?.(ev.chain, to) === true) {
    fate = 'stop'
    absorbAtStop(state, { chain: ev.chain, address: to, asset: ev.asset }, carried, hop)
  }
  record(state, ev, carried, hop, fate)
  return fate === 'held' ? carried : 0n
}

/** false for a zero amount (nothing moves); throws on a negative one. */
export function checkAmount(ev: TransferEvent): boolean {
  if (ev.amount > 0n) return true
  if (ev.amount === 0n) return false
  throw new ChainwatchError('input.invalid', `Transfer ${ev.txHash} has a negative amount.`, {
    meta: {
      chain: ev.chain,
      txHash: ev.txHash,
      position: ev.position,
      amount: String(ev.amount),
    },
  })
}

/**
 * Takes `amount` from the sender's balance under the policy (`from: null` is minted value and
 * carries nothing). fifo: the pieces taken are left in `state.scratch`.
 */
export function takeOutflow(
  state: TraceState,
  holders: Map<string, Holder>,
  ev: { readonly chain: ChainId; readonly asset: string; readonly from: string | null },
  amount: bigint,
): Flow {
  const { policy, totals } = state
  flow.carried = 0n
  flow.hop = 0
  flow.fromLots = 0n
  if (ev.from === null) return flow
  const s = holderIn(state, holders, ev.chain, ev.asset, ev.from)
  const before = balanceOf(state, s.id)
  let balance = before
  if (before < amount) {
    // Unknown history: the excess is clean value the sender already had.
    balance = amount
    if (s.poisoned) {
      totals.contaminated += amount - before
      s.tainted = amount
    }
  }
  if (s.tainted > 0n) {
    flow.hop = s.hop + 1
    if (policy === 'poison') flow.carried = amount
    else if (policy === 'haircut') flow.carried = (amount * s.tainted) / balance
    else if (s.lots !== null) {
      const scratch = state.scratch
      scratch.amounts.length = 0
      scratch.tainted.length = 0
      scratch.head = 0
      flow.carried = takeLots(s.lots, amount, scratch)
      flow.fromLots = before < amount ? before : amount
    }
    s.tainted -= flow.carried
    if (s.tainted === 0n) s.lots = null
  }
  setBalance(state, s.id, balance - amount)
  return flow
}

/**
 * The recipient's side of a transfer carrying `out`: burned, absorbed (hop limit, dust, stop),
 * or held. A seeded transfer skips the hop and dust checks.
 */
export function deliver(
  state: TraceState,
  holders: Map<string, Holder>,
  ev: TransferEvent,
  out: Flow,
  seeded: boolean,
): void {
  const { totals } = state
  const { carried, hop } = out
  if (ev.to === null) {
    if (carried > 0n) {
      totals.burned += carried
      record(state, ev, carried, hop, 'burned')
    }
    return
  }
  const r = holderIn(state, holders, ev.chain, ev.asset, ev.to)
  const delivered = carried > 0n ? arrive(state, ev, ev.to, r, carried, hop, seeded) : 0n
  receive(state, r, ev.amount, delivered, hop, out.fromLots)
}

/**
 * Adds `amount` to a holder's balance, `delivered` of it tainted at `hop`. fifo: the tainted
 * arrival is the pieces in `state.scratch` (covering `fromLots` of the amount), then clean.
 */
export function receive(
  state: TraceState,
  r: Holder,
  amount: bigint,
  delivered: bigint,
  hop: number,
  fromLots: bigint,
): void {
  const { policy, totals } = state
  const before = balanceOf(state, r.id)
  const after = before + amount
  setBalance(state, r.id, after)
  let taint = delivered
  if (r.seed) {
    // An active address seed: all it receives is tainted.
    r.seeded += amount - delivered
    totals.seeded += amount - delivered
    taint = amount
  }
  if (delivered > 0n) {
    r.received += delivered
    if (r.hop < 0 || hop < r.hop) r.hop = hop
  }
  if (policy === 'poison') {
    if (taint > 0n && !r.poisoned) {
      r.poisoned = true
      totals.contaminated += before
    }
    if (r.poisoned) {
      totals.contaminated += amount - taint
      r.tainted = after
    }
  } else if (policy === 'haircut') {
    if (taint > 0n) r.tainted += taint
  } else if (taint > 0n) {
    if (r.lots === null) r.lots = newLots(before, false)
    const lots = r.lots
    if (taint === amount) pushLot(lots, amount, true)
    else {
      // The pieces taken from the sender's lots, in order, then its clean unknown history.
      const scratch = state.scratch
      for (let i = scratch.head; i < scratch.amounts.length; i++) {
        pushLot(lots, scratch.amounts[i] ?? 0n, scratch.tainted[i] === true)
      }
      pushLot(lots, amount - fromLots, false)
    }
    r.tainted += taint
  } else if (r.lots !== null) pushLot(r.lots, amount, false)
}

/** fifo: the whole arrival of an outflow as pieces (scratch pieces, then the clean rest). */
export function piecesOf(state: TraceState, out: Flow, amount: bigint): FifoLots {
  const pieces: FifoLots = { amounts: [], tainted: [], head: 0 }
  if (out.carried === amount) pushLot(pieces, amount, true)
  else if (out.carried > 0n) {
    const scratch = state.scratch
    for (let i = scratch.head; i < scratch.amounts.length; i++) {
      pushLot(pieces, scratch.amounts[i] ?? 0n, scratch.tainted[i] === true)
    }
  }
  pushLot(pieces, amount - totalOf(pieces), false)
  return pieces
}

/** fifo: puts explicit pieces (covering the whole amount) in `state.scratch` for `receive`. */
export function loadScratch(state: TraceState, pieces: FifoLots): void {
  const scratch = state.scratch
  scratch.amounts.length = 0
  scratch.tainted.length = 0
  scratch.head = 0
  for (let i = pieces.head; i < pieces.amounts.length; i++) {
    pushLot(scratch, pieces.amounts[i] ?? 0n, pieces.tainted[i] === true)
  }
}

function totalOf(pieces: FifoLots): bigint {
  let total = 0n
  for (let i = pieces.head; i < pieces.amounts.length; i++) total += pieces.amounts[i] ?? 0n
  return total
}

/** Lists a taint-carrying transfer (when the trace collects them). */
export function record(
  state: TraceState,
  ev: TransferEvent,
  tainted: bigint,
  hop: number,
  fate: TaintFate,
): void {
  if (!state.collect) return
  state.transfers.push({
    chain: ev.chain,
    txHash: ev.txHash,
    position: ev.position,
    outputIndex: null,
    from: ev.from,
    to: ev.to,
    asset: ev.asset,
    amount: ev.amount,
    tainted,
    hop,
    fate,
  })
}
