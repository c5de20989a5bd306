import type {
  BlockRecord,
  BridgeDepositRecord,
  ChainBatch,
  SwapRecord,
  TransactionRecord,
  TransferRecord,
} from '../../chain/index.js'
import type { EvmBlockRecords } from './blockRecords.js'

/** Counts a run adds up from the blocks it committed. */
export type EvmTotals = {
  blocks: number
  transactions: number
  native: number
  internal: number
  token: number
  swaps: number
  unresolvedSwaps: number
  bridgeDeposits: number
  unreadableTraces: number
}

export const noTotals = (): EvmTotals => ({
  blocks: 0,
  transactions: 0,
  native: 0,
  internal: 0,
  token: 0,
  swaps: 0,
  unresolvedSwaps: 0,
  bridgeDeposits: 0,
  unreadableTraces: 0,
})

export function addTotals(totals: EvmTotals, records: readonly EvmBlockRecords[]): void {
  for (const r of records) {
    totals.blocks++
    totals.transactions += r.transactions.length
    totals.native += r.counts.native
    totals.internal += r.counts.internal
    totals.token += r.counts.token
    totals.swaps += r.swaps.length
    totals.unresolvedSwaps += r.counts.unresolvedSwaps
    totals.bridgeDeposits += r.bridgeDeposits.length
    totals.unreadableTraces += r.counts.unreadableTraces
  }
}

/**
 * Where a fetched range stops linking: the height of the first block whose parent is not the
 * block before it (the first block is checked against `previousHash` when known), or null.
 */
export function firstBreak(
  records: readonly EvmBlockRecords[],
  previousHash: string | null,
): number | null {
  let expected = previousHash
  for (const { block } of records) {
    if (expected !== null && block.parentHash !== expected) return block.height
    expected = block.hash
  }
  return null
}

export function toBatch(records: readonly EvmBlockRecords[]): ChainBatch {
  const blocks: BlockRecord[] = []
  const transactions: TransactionRecord[] = []
  const transfers: TransferRecord[] = []
  const swaps: SwapRecord[] = []
  const bridgeDeposits: BridgeDepositRecord[] = []
  for (const r of records) {
    blocks.push(r.block)
    transactions.push(...r.transactions)
    transfers.push(...r.transfers)
    swaps.push(...r.swaps)
    bridgeDeposits.push(...r.bridgeDeposits)
  }
  return { blocks, transactions, outputs: [], inputs: [], transfers, swaps, bridgeDeposits }
}

export function blockRange(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}
