import type {
  BlockRecord,
  BridgeDepositRecord,
  ChainBatch,
  InputRecord,
  OutputRecord,
  SwapRecord,
  TransactionRecord,
  TransferRecord,
} from '../chain/index.js'
import { type LoggedTransfer, resolveSwaps, swapRecord } from './evm/resolveSwaps.js'
import type { ParsedRecord, SwapLogRecord } from './ParsedRow.js'

/** A batch under construction; `take()` hands it over and starts a new one. */
export type BatchBuilder = {
  add(records: readonly ParsedRecord[]): void
  readonly size: number
  take(): ChainBatch
}

/**
 * The transaction a row's records belong to (null for a block row). A batch is only cut between
 * transactions, so a swap's Swap log always meets its Transfer logs (`resolveSwapLogs`).
 */
export function transactionOf(records: readonly ParsedRecord[]): string | null {
  const first = records[0]
  if (first === undefined || first.type === 'block') return null
  return first.type === 'transaction' ? first.record.hash : first.record.txHash
}

/** Collects parsed records into the per-table arrays of a ChainBatch. */
export function createBatchBuilder(): BatchBuilder {
  let blocks: BlockRecord[] = []
  let transactions: TransactionRecord[] = []
  let outputs: OutputRecord[] = []
  let inputs: InputRecord[] = []
  let transfers: TransferRecord[] = []
  let swapLogs: SwapLogRecord[] = []
  let swaps: SwapRecord[] = []
  let bridgeDeposits: BridgeDepositRecord[] = []
  let size = 0
  return {
    add(records) {
      for (const item of records) {
        switch (item.type) {
          case 'block':
            blocks.push(item.record)
            break
          case 'transaction':
            transactions.push(item.record)
            break
          case 'output':
            outputs.push(item.record)
            break
          case 'input':
            inputs.push(item.record)
            break
          case 'transfer':
            transfers.push(item.record)
            break
          case 'swap-log':
            swapLogs.push(item.record)
            break
          case 'swap':
            swaps.push(item.record)
            break
          case 'bridge-deposit':
            bridgeDeposits.push(item.record)
            break
        }
      }
      size += records.length
    },
    get size() {
      return size
    },
    take() {
      const batch: ChainBatch = {
        blocks,
        transactions,
        outputs,
        inputs,
        transfers,
        ...(swapLogs.length > 0 || swaps.length > 0
          ? { swaps: [...swaps, ...resolveSwapLogs(swapLogs, transfers)] }
          : {}),
        ...(bridgeDeposits.length > 0 ? { bridgeDeposits } : {}),
      }
      swapLogs = []
      swaps = []
      bridgeDeposits = []
      blocks = []
      transactions = []
      outputs = []
      inputs = []
      transfers = []
      size = 0
      return batch
    },
  }
}

/**
 * Swap logs with their tokens, from the Transfer logs of the same transaction in the batch (a
 * logs export lists a transaction's logs together, and batches are cut only between
 * transactions; a swap whose legs are not there is left out).
 */
function resolveSwapLogs(
  swapLogs: readonly SwapLogRecord[],
  transfers: readonly TransferRecord[],
): SwapRecord[] {
  const byTx = new Map<string, LoggedTransfer[]>()
  const wanted = new Set(swapLogs.map((s) => s.txHash))
  for (const t of transfers) {
    if (t.kind !== 'token' || !wanted.has(t.txHash) || t.from === null || t.to === null) continue
    const logged = { logIndex: Number(t.position.slice(1)), token: t.asset, from: t.from, to: t.to }
    const list = byTx.get(t.txHash) ?? []
    list.push({ ...logged, value: t.amount })
    byTx.set(t.txHash, list)
  }
  const swapsByTx = new Map<string, SwapLogRecord[]>()
  for (const s of swapLogs) {
    const list = swapsByTx.get(s.txHash) ?? []
    list.push(s)
    swapsByTx.set(s.txHash, list)
  }
  const swaps: SwapRecord[] = []
  for (const [txHash, logs] of swapsByTx) {
    const ordered = [...logs].sort((a, b) => a.logIndex - b.logIndex)
    const logged = (byTx.get(txHash) ?? []).sort((a, b) => a.logIndex - b.logIndex)
    const resolved = resolveSwaps(
      logged,
      ordered.map((s) => ({ ...s.swap, logIndex: s.logIndex })),
    )
    for (const swap of resolved.swaps) {
      const at = ordered.find((s) => s.logIndex === swap.logIndex)
      if (at !== undefined) swaps.push(swapRecord(at, swap))
    }
  }
  return swaps
}
