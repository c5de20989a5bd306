import { dailyRhythm } from './dailyRhythm.js'

/** Where a chunk's block filling stands: the next planned transaction, and benign transfers owed. */
export type FillCursor = { next: number; owed: number }

/**
 * One block's transactions: the plan's laundering transactions due before the block ends, then
 * benign ones drawn until the block's share of background transfers (by the daily rhythm) is met.
 */
export function fillBlock<T extends { readonly time: number }>(
  plan: readonly T[],
  cursor: FillCursor,
  block: { readonly time: number; readonly seconds: number; readonly perBlock: number },
  draw: (time: number) => { readonly tx: T; readonly transfers: number },
): T[] {
  const txs: T[] = []
  const end = block.time + block.seconds
  while (cursor.next < plan.length && (plan[cursor.next]?.time ?? Infinity) < end) {
    const tx = plan[cursor.next++]
    if (tx !== undefined) txs.push(tx)
  }
  cursor.owed += block.perBlock * dailyRhythm(block.time)
  while (cursor.owed >= 1) {
    const drawn = draw(block.time)
    txs.push(drawn.tx)
    cursor.owed -= drawn.transfers
  }
  return txs
}
