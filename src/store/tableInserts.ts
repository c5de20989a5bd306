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
import type { Database } from './schema.js'

/** A bound SQL value as both drivers accept it: amounts as decimal strings, booleans as 1/0. */
export type SqlValue = string | number | null

/** PostgreSQL element type of a column, for `unnest($1::type[], …)`. */
export type PgColumnType = 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean'

/** How the records of one batch field become the rows of one table. */
export type TableInsert<R> = {
  readonly table: keyof Database
  readonly columns: readonly (readonly [name: string, pgType: PgColumnType])[]
  /** The row's values in `columns` order. */
  readonly params: (record: R) => SqlValue[]
}

const blocks: TableInsert<BlockRecord> = {
  table: 'blocks',
  columns: [
    ['chain', 'text'],
    ['height', 'integer'],
    ['hash', 'text'],
    ['parent_hash', 'text'],
    ['time', 'bigint'],
    ['tx_count', 'integer'],
  ],
  params: (block) => [
    block.chain,
    block.height,
    block.hash,
    block.parentHash,
    block.time,
    block.txCount,
  ],
}

const transactions: TableInsert<TransactionRecord> = {
  table: 'transactions',
  columns: [
    ['chain', 'text'],
    ['hash', 'text'],
    ['block_height', 'integer'],
    ['block_hash', 'text'],
    ['tx_index', 'integer'],
    ['from_address', 'text'],
    ['to_address', 'text'],
    ['value', 'numeric'],
    ['fee', 'numeric'],
    ['success', 'boolean'],
  ],
  params: (tx) => [
    tx.chain,
    tx.hash,
    tx.blockHeight,
    tx.blockHash,
    tx.index,
    tx.from,
    tx.to,
    tx.value.toString(),
    tx.fee === null ? null : tx.fee.toString(),
    tx.success ? 1 : 0,
  ],
}

const outputs: TableInsert<OutputRecord> = {
  table: 'outputs',
  columns: [
    ['chain', 'text'],
    ['tx_hash', 'text'],
    ['output_index', 'integer'],
    ['address', 'text'],
    ['value', 'numeric'],
    ['script_type', 'text'],
    ['block_height', 'integer'],
    ['tx_index', 'integer'],
    ['data', 'text'],
  ],
  params: (output) => [
    output.chain,
    output.txHash,
    output.index,
    output.address,
    output.value.toString(),
    output.scriptType,
    output.blockHeight,
    output.txIndex,
    output.data ?? null,
  ],
}

const inputs: TableInsert<InputRecord> = {
  table: 'inputs',
  columns: [
    ['chain', 'text'],
    ['tx_hash', 'text'],
    ['input_index', 'integer'],
    ['spent_tx_hash', 'text'],
    ['spent_output_index', 'integer'],
    ['address', 'text'],
    ['value', 'numeric'],
    ['block_height', 'integer'],
    ['tx_index', 'integer'],
  ],
  params: (input) => [
    input.chain,
    input.txHash,
    input.index,
    input.spentTxHash,
    input.spentOutputIndex,
    input.address,
    input.value === null ? null : input.value.toString(),
    input.blockHeight,
    input.txIndex,
  ],
}

const transfers: TableInsert<TransferRecord> = {
  table: 'transfers',
  columns: [
    ['chain', 'text'],
    ['tx_hash', 'text'],
    ['position', 'text'],
    ['kind', 'text'],
    ['asset', 'text'],
    ['from_address', 'text'],
    ['to_address', 'text'],
    ['amount', 'numeric'],
    ['block_height', 'integer'],
    ['tx_index', 'integer'],
  ],
  params: (transfer) => [
    transfer.chain,
    transfer.txHash,
    transfer.position,
    transfer.kind,
    transfer.asset,
    transfer.from,
    transfer.to,
    transfer.amount.toString(),
    transfer.blockHeight,
    transfer.txIndex,
  ],
}

const swaps: TableInsert<SwapRecord> = {
  table: 'swaps',
  columns: [
    ['chain', 'text'],
    ['tx_hash', 'text'],
    ['position', 'text'],
    ['block_height', 'integer'],
    ['tx_index', 'integer'],
    ['protocol', 'text'],
    ['pool', 'text'],
    ['sender', 'text'],
    ['recipient', 'text'],
    ['token_in', 'text'],
    ['amount_in', 'numeric'],
    ['token_out', 'text'],
    ['amount_out', 'numeric'],
  ],
  params: (swap) => [
    swap.chain,
    swap.txHash,
    swap.position,
    swap.blockHeight,
    swap.txIndex,
    swap.protocol,
    swap.pool,
    swap.sender,
    swap.recipient,
    swap.tokenIn,
    swap.amountIn.toString(),
    swap.tokenOut,
    swap.amountOut.toString(),
  ],
}

const bridgeDeposits: TableInsert<BridgeDepositRecord> = {
  table: 'bridge_deposits',
  columns: [
    ['chain', 'text'],
    ['tx_hash', 'text'],
    ['position', 'text'],
    ['block_height', 'integer'],
    ['tx_index', 'integer'],
    ['router', 'text'],
    ['vault', 'text'],
    ['depositor', 'text'],
    ['asset', 'text'],
    ['amount', 'numeric'],
    ['memo', 'text'],
  ],
  params: (deposit) => [
    deposit.chain,
    deposit.txHash,
    deposit.position,
    deposit.blockHeight,
    deposit.txIndex,
    deposit.router,
    deposit.vault,
    deposit.depositor,
    deposit.asset,
    deposit.amount.toString(),
    deposit.memo,
  ],
}

/** Row mappings for every field of a `ChainBatch`, in the order a batch is written. */
export const tableInserts: {
  readonly [K in keyof ChainBatch]-?: TableInsert<NonNullable<ChainBatch[K]>[number]>
} = { blocks, transactions, outputs, inputs, transfers, swaps, bridgeDeposits }
