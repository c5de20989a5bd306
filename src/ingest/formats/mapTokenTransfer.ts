import type { RowMapper } from './RowMapper.js'
import {
  readAmount,
  readEvmAddress,
  readEvmHash,
  readInteger,
  readIntegerOrNull,
} from './readFields.js'
import { tokenPosition } from './tokenPosition.js'

/**
 * An ethereum-etl / BigQuery `token_transfers` row → one `token` transfer. The export has no
 * `transaction_index`, so `txIndex` is null (the store fills it in) unless a column carries it.
 *
 * ethereum-etl also writes ERC-721 transfers here (Transfer with 4 topics), with the token id in
 * `value`; the row cannot tell them apart from ERC-20 ones. Import `logs` to keep only ERC-20.
 */
export const mapTokenTransfer: RowMapper = {
  requiredColumns: [
    'token_address',
    'from_address',
    'to_address',
    'value',
    'transaction_hash',
    'log_index',
    'block_number',
  ],
  map(row, chain) {
    const logIndex = readInteger(row, 'log_index')
    return [
      {
        type: 'transfer',
        record: {
          chain,
          txHash: readEvmHash(row, 'transaction_hash'),
          kind: 'token',
          position: tokenPosition(logIndex),
          asset: readEvmAddress(row, 'token_address'),
          from: readEvmAddress(row, 'from_address'),
          to: readEvmAddress(row, 'to_address'),
          amount: readAmount(row, 'value'),
          blockHeight: readInteger(row, 'block_number'),
          txIndex: readIntegerOrNull(row, 'transaction_index'),
        },
      },
    ]
  },
}
