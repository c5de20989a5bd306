/**
 * FIFO lots of one holder: amounts in arrival order, each wholly tainted or wholly clean.
 * Stored flat (`amounts[i]`, `tainted[i]`) from `head` on, so a take is O(lots consumed).
 */
export type FifoLots = {
  amounts: bigint[]
  tainted: boolean[]
  head: number
}

/** A fresh queue holding `amount` of one kind (nothing when the amount is 0). */
export function newLots(amount: bigint, tainted: boolean): FifoLots {
  const lots: FifoLots = { amounts: [], tainted: [], head: 0 }
  pushLot(lots, amount, tainted)
  return lots
}

/** Appends a lot, merging it into the last one when both are of the same kind. */
export function pushLot(lots: FifoLots, amount: bigint, tainted: boolean): void {
  if (amount === 0n) return
  const last = lots.amounts.length - 1
  if (last >= lots.head && lots.tainted[last] === tainted) {
    lots.amounts[last] = (lots.amounts[last] ?? 0n) + amount
    return
  }
  lots.amounts.push(amount)
  lots.tainted.push(tainted)
}

/**
 * Takes `amount` from the oldest lots (splitting the last one), appending the pieces taken to
 * `out` in order; returns the tainted value taken. Takes at most what the queue holds.
 */
export function takeLots(lots: FifoLots, amount: bigint, out: FifoLots | null): bigint {
  let rest = amount
  let taken = 0n
  const { amounts, tainted } = lots
  let i = lots.head
  while (rest > 0n && i < amounts.length) {
    const lot = amounts[i] ?? 0n
    const isTainted = tainted[i] === true
    const piece = lot <= rest ? lot : rest
    if (isTainted) taken += piece
    if (out !== null) pushLot(out, piece, isTainted)
    rest -= piece
    if (piece === lot) i++
    else amounts[i] = lot - piece
  }
  lots.head = i
  // Drop consumed lots once they are most of the arrays, so memory stays O(live lots).
  if (i > 16 && i * 2 > amounts.length) {
    lots.amounts = amounts.slice(i)
    lots.tainted = tainted.slice(i)
    lots.head = 0
  }
  return taken
}
