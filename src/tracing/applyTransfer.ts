import { ChainwatchError } from '../errors/index.js'
import { newLots, pushLot, takeLots } from './fifoLots.js'
import type { TransferEvent } from './TraceEvent.js'
import type { TaintFate } from './TraceResult.js'
import {
  absorbAtStop,
  balanceOf,
  holderIn,
  holderMap,
  setBalance,
  type TraceState,
} from './traceState.js'

/** Applies one account-model transfer; `seeded`: the value it moves is a seed. */
export function applyTransfer(state: TraceState, ev: TransferEvent, seeded: boolean): void {
  const amount = ev.amount
  if (amount <= 0n) {
    if (amount === 0n) return
    throw new ChainwatchError('input.invalid', `Transfer ${ev.txHash} has a negative amount.`, {
      meta: { chain: ev.chain, txHash: ev.txHash, position: ev.position, amount: String(amount) },
    })
  }
  const { policy, totals } = state
  let carried = 0n
  let hop = 0
  // fifo: how much of the amount came from the sender's lots (now in state.scratch).
  let fromLots = 0n
  const holders = holderMap(state, ev.chain, ev.asset)
  if (ev.from !== null) {
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
      hop = s.hop + 1
      if (policy === 'poison') carried = amount
      else if (policy === 'haircut') carried = (amount * s.tainted) / balance
      else if (s.lots !== null) {
        const scratch = state.scratch
        scratch.amounts.length = 0
        scratch.tainted.length = 0
        scratch.head = 0
        carried = takeLots(s.lots, amount, scratch)
        fromLots = amount
        if (before < amount) fromLots = before
      }
      s.tainted -= carried
      if (s.tainted === 0n) s.lots = null
    }
    setBalance(state, s.id, balance - amount)
  }
  if (seeded) {
    totals.seeded += amount - carried
    carried = amount
    hop = 0
    fromLots = 0n
  }
  if (ev.to === null) {
    if (carried > 0n) {
      totals.burned += carried
      record(state, ev, carried, hop, 'burned')
    }
    return
  }
  const r = holderIn(state, holders, ev.chain, ev.asset, ev.to)
  let delivered = carried
  if (carried > 0n && !r.seed) {
    let fate: TaintFate = 'held'
    if (!seeded && hop > state.maxHops) {
      fate = 'hop-limit'
      totals.hopLimit += carried
    } else if (!seeded && carried < state.dust) {
      fate = 'dust'
      totals.dust += carried
    } else if (state.isStop?.(ev.chain, ev.to) === true) {
      fate = 'stop'
      absorbAtStop(state, { chain: ev.chain, address: ev.to, asset: ev.asset }, carried, hop)
    }
    record(state, ev, carried, hop, fate)
    if (fate !== 'held') delivered = 0n
  } else if (carried > 0n) record(state, ev, carried, hop, 'held')
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

function record(
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
