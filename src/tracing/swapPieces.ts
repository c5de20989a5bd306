import { type FifoLots, pushLot } from './fifoLots.js'
import type { TracePolicy } from './TraceEvent.js'

/** The taint a swap's in-leg carried, waiting for its out-leg. */
export type SwapStash = {
  readonly taint: bigint
  readonly hop: number
  /** fifo: the in-leg's pieces, covering its whole amount; null under poison and haircut. */
  readonly pieces: FifoLots | null
}

/** A swap's converted taint: what its out-leg carries from the in-leg. */
export type Converted = { readonly taint: bigint; readonly pieces: FifoLots | null }

/**
 * Converts the in-leg's taint `c` of `amountIn` into the out-leg's of `amountOut`:
 * poison `amountOut` if c > 0; haircut `floor(amountOut × c / amountIn)`; fifo the in-leg's
 * pieces scaled, with cumulative boundaries `floor(cum × amountOut / amountIn)`.
 */
export function convertSwapTaint(
  policy: TracePolicy,
  stash: SwapStash | null,
  amountIn: bigint,
  amountOut: bigint,
): Converted {
  const fifo = policy === 'fifo'
  if (stash === null || stash.taint === 0n) {
    return { taint: 0n, pieces: fifo ? single(amountOut, false) : null }
  }
  if (policy === 'poison') return { taint: amountOut, pieces: null }
  if (policy === 'haircut') return { taint: (amountOut * stash.taint) / amountIn, pieces: null }
  const scaled: FifoLots = { amounts: [], tainted: [], head: 0 }
  const source = stash.pieces ?? single(amountIn, true)
  let cumulative = 0n
  let previous = 0n
  for (let i = source.head; i < source.amounts.length; i++) {
    cumulative += source.amounts[i] ?? 0n
    const boundary = (cumulative * amountOut) / amountIn
    pushLot(scaled, boundary - previous, source.tainted[i] === true)
    previous = boundary
  }
  return { taint: taintedOf(scaled), pieces: scaled }
}

/** fifo: a unit is tainted when it is tainted in either sequence (both cover the same amount). */
export function unionPieces(a: FifoLots, b: FifoLots): FifoLots {
  const out: FifoLots = { amounts: [], tainted: [], head: 0 }
  let i = a.head
  let j = b.head
  let restA = a.amounts[i] ?? 0n
  let restB = b.amounts[j] ?? 0n
  while (i < a.amounts.length && j < b.amounts.length) {
    const step = restA < restB ? restA : restB
    pushLot(out, step, a.tainted[i] === true || b.tainted[j] === true)
    restA -= step
    restB -= step
    if (restA === 0n) restA = a.amounts[++i] ?? 0n
    if (restB === 0n) restB = b.amounts[++j] ?? 0n
  }
  return out
}

export function taintedOf(pieces: FifoLots): bigint {
  let total = 0n
  for (let i = pieces.head; i < pieces.amounts.length; i++) {
    if (pieces.tainted[i] === true) total += pieces.amounts[i] ?? 0n
  }
  return total
}

export function single(amount: bigint, tainted: boolean): FifoLots {
  const lots: FifoLots = { amounts: [], tainted: [], head: 0 }
  pushLot(lots, amount, tainted)
  return lots
}
