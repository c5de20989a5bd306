import { NATIVE_ASSET, type TransactionRecord, transferPosition } from '../../chain/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import type { FieldSource } from './FieldSource.js'
import type { RowMapper } from './RowMapper.js'
import {
  readAmount,
  readAmountOrNull,
  readEvmAddress,
  readEvmAddressOrNull,
  readEvmHash,
  readEvmHashOrNull,
  readInteger,
  readIntegerOrNull,
} from './readFields.js'

/**
 * An ethereum-etl / BigQuery `transactions` row → the transaction, plus its own value as a
 * `native` transfer when it moved any (value > 0 and not reverted).
 *
 * - success: `receipt_status` 0 means reverted; null or absent (pre-Byzantium receipts, or
 *   `export_blocks_and_transactions` files without receipt columns) counts as success.
 * - fee: receipt gas used × effective gas price (else `gas_price`), plus the blob fee when given;
 *   null without receipt columns.
 * - contract creation: `to_address` is empty; the transaction keeps `to` null, the transfer goes
 *   to `receipt_contract_address` when the export has it.
 */
export const mapEthereumTransaction: RowMapper = {
  requiredColumns: ['hash', 'block_number', 'from_address', 'to_address', 'value'],
  map(row, chain) {
    const hash = readEvmHash(row, 'hash')
    const from = readEvmAddress(row, 'from_address')
    const to = readEvmAddressOrNull(row, 'to_address')
    const value = readAmount(row, 'value')
    const status = readIntegerOrNull(row, 'receipt_status')
    const transaction: TransactionRecord = {
      chain,
      hash,
      blockHeight: readInteger(row, 'block_number'),
      blockHash: readEvmHashOrNull(row, 'block_hash'),
      index: readIntegerOrNull(row, 'transaction_index'),
      from,
      to,
      value,
      fee: feeOf(row),
      success: status !== 0,
    }
    const records: ParsedRecord[] = [{ type: 'transaction', record: transaction }]
    if (value > 0n && transaction.success) {
      records.push({
        type: 'transfer',
        record: {
          chain,
          txHash: hash,
          kind: 'native',
          position: transferPosition.native(),
          asset: NATIVE_ASSET,
          from,
          to: to ?? readEvmAddressOrNull(row, 'receipt_contract_address'),
          amount: value,
          blockHeight: transaction.blockHeight,
          txIndex: transaction.index,
        },
      })
    }
    return records
  },
}

function feeOf(row: FieldSource): bigint | null {
  const gasUsed = readAmountOrNull(row, 'receipt_gas_used')
  const gasPrice =
    readAmountOrNull(row, 'receipt_effective_gas_price') ?? readAmountOrNull(row, 'gas_price')
  if (gasUsed === null || gasPrice === null) return null
  const blobGasUsed = readAmountOrNull(row, 'receipt_blob_gas_used')
  const blobGasPrice = readAmountOrNull(row, 'receipt_blob_gas_price')
  const blobFee = blobGasUsed !== null && blobGasPrice !== null ? blobGasUsed * blobGasPrice : 0n
  return gasUsed * gasPrice + blobFee
}
