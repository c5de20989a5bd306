import type { FieldSource } from './FieldSource.js'
import type { RowMapper } from './RowMapper.js'
import {
  fieldLabel,
  invalidField,
  readEvmAddress,
  readEvmHash,
  readInteger,
  readIntegerOrNull,
  readTextOrNull,
} from './readFields.js'
import { rowInvalid } from './rowInvalid.js'
import { tokenPosition } from './tokenPosition.js'

/** keccak256("Transfer(address,address,uint256)"). */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

const WORD = /^0x[0-9a-fA-F]{64}$/

/**
 * An ethereum-etl / BigQuery `logs` row → a `token` transfer when it is an ERC-20 Transfer:
 * topic0 = Transfer, exactly 3 topics (from, to indexed) and 32 bytes of data (the amount).
 * Any other log — including ERC-721 Transfers, whose 4th topic is a token id — yields no record.
 *
 * Transfers with unindexed arguments (1 topic + 96 data bytes) are skipped too: CryptoKitties
 * emits that shape for NFT ids, so it cannot be read as an amount. ethereum-etl's own
 * token_transfers extraction keeps both those and ERC-721 Transfers.
 */
export const mapLog: RowMapper = {
  requiredColumns: ['log_index', 'transaction_hash', 'block_number', 'address', 'data', 'topics'],
  map(row, chain) {
    const txHash = readEvmHash(row, 'transaction_hash')
    const logIndex = readInteger(row, 'log_index')
    const blockHeight = readInteger(row, 'block_number')
    const topics = readTopics(row)
    const topic0 = topics[0]
    if (typeof topic0 !== 'string' || topic0.toLowerCase() !== TRANSFER_TOPIC) return []
    if (topics.length !== 3) return []
    const data = readTextOrNull(row, 'data')
    if (data === null || data.length !== 66) return []
    if (!WORD.test(data)) throw invalidField(row, 'data', data, 'is not 0x-prefixed hex')
    return [
      {
        type: 'transfer',
        record: {
          chain,
          txHash,
          kind: 'token',
          position: tokenPosition(logIndex),
          asset: readEvmAddress(row, 'address'),
          from: topicAddress(row, topics, 1),
          to: topicAddress(row, topics, 2),
          amount: BigInt(`0x${data.slice(2)}`),
          blockHeight,
          txIndex: readIntegerOrNull(row, 'transaction_index'),
        },
      },
    ]
  },
}

/** Topics as a JSON array, or the comma-joined text of a CSV cell; empty or null means none. */
function readTopics(row: FieldSource): readonly unknown[] {
  const value = row.get('topics')
  if (value === undefined) throw rowInvalid(`missing ${fieldLabel(row, 'topics')}`)
  if (value === null || value === '') return []
  if (typeof value === 'string') return value.split(',')
  if (Array.isArray(value)) return value
  throw invalidField(row, 'topics', value, 'is not a list of topics')
}

/**
 * The address in an indexed address topic: its last 20 bytes. Like ethereum-etl, we do not insist
 * that the 12 padding bytes be zero (Solidity always zeroes them).
 */
function topicAddress(row: FieldSource, topics: readonly unknown[], index: number): string {
  const topic = topics[index]
  if (typeof topic !== 'string' || !WORD.test(topic)) {
    throw invalidField(row, `topics[${index}]`, topic, 'is not a 32-byte hex topic')
  }
  return `0x${topic.slice(26).toLowerCase()}`
}
