import type { RowMapper } from './RowMapper.js'
import {
  readEvmHash,
  readEvmHashOrNull,
  readInteger,
  readIntegerOrNull,
  readTimestamp,
} from './readFields.js'

const ZERO_HASH = `0x${'0'.repeat(64)}`

/**
 * An ethereum-etl / BigQuery `blocks` row → a block. The genesis block's all-zero parent hash
 * becomes null, as the model wants. Withdrawals (consensus-layer payouts, no transaction) are
 * not value flows we can key to a transaction, so they are not imported.
 */
export const mapEthereumBlock: RowMapper = {
  requiredColumns: ['number', 'hash', 'timestamp'],
  map(row, chain) {
    const parentHash = readEvmHashOrNull(row, 'parent_hash')
    return [
      {
        type: 'block',
        record: {
          chain,
          height: readInteger(row, 'number'),
          hash: readEvmHash(row, 'hash'),
          parentHash: parentHash === ZERO_HASH ? null : parentHash,
          time: readTimestamp(row, 'timestamp'),
          txCount: readIntegerOrNull(row, 'transaction_count'),
        },
      },
    ]
  },
}
