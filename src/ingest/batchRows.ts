import type {
  BlockRecord,
  ChainBatch,
  InputRecord,
  OutputRecord,
  TransactionRecord,
  TransferRecord,
} from '../chain/index.js'
import type { ParsedRecord } from './ParsedRow.js'

/** A batch under construction; `take()` hands it over and starts a new one. */
export type BatchBuilder = {
  add(records: readonly ParsedRecord[]): void
  readonly size: number
  take(): ChainBatch
}

/** Collects parsed records into the per-table arrays of a ChainBatch. */
export function createBatchBuilder(): BatchBuilder {
  let blocks: BlockRecord[] = []
  let transactions: TransactionRecord[] = []
  let outputs: OutputRecord[] = []
  let inputs: InputRecord[] = []
  let transfers: TransferRecord[] = []
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
        }
      }
      size += records.length
    },
    get size() {
      return size
    },
    take() {
      const batch = { blocks, transactions, outputs, inputs, transfers }
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
