import type { RowMapper } from './RowMapper.js'
import { readBitcoinHash, readInteger, readIntegerOrNull, readTimestamp } from './readFields.js'

/**
 * A bitcoin-etl / BigQuery `crypto_bitcoin.blocks` row → a block. Neither schema carries the
 * previous block hash, so `parentHash` is null for every block of this source.
 */
export const mapBitcoinBlock: RowMapper = {
  requiredColumns: ['hash', 'number', 'timestamp'],
  map(row, chain) {
    return [
      {
        type: 'block',
        record: {
          chain,
          height: readInteger(row, 'number'),
          hash: readBitcoinHash(row, 'hash'),
          parentHash: null,
          time: readTimestamp(row, 'timestamp'),
          txCount: readIntegerOrNull(row, 'transaction_count'),
        },
      },
    ]
  },
}
