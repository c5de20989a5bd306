import { type ChainId, chains, NATIVE_ASSET } from '../../chain/index.js'
import {
  DEPOSIT_TOPIC,
  decodeEvmLog,
  SWAP_V2_TOPIC,
  SWAP_V3_TOPIC,
  UNWRAP_TOPIC,
  WRAP_TOPIC,
} from '../evm/decodeEvmLog.js'
import { wrapRecords } from '../evm/wrapRecords.js'
import type { ParsedRecord } from '../ParsedRow.js'
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
 *
 * Uniswap V2/V3 `Swap` logs become swap logs (their tokens are resolved per batch from the
 * transaction's Transfer logs), WETH9 `Deposit`/`Withdrawal` logs of the chain's wrapped-native
 * contract a token transfer and a `weth` swap (`wrapRecords`), and THORChain-router `Deposit`
 * logs bridge deposits (their
 * depositor, the transaction's sender, is not in the row: the store reads it from the
 * transaction).
 */
export const mapLog: RowMapper = {
  requiredColumns: ['log_index', 'transaction_hash', 'block_number', 'address', 'data', 'topics'],
  map(row, chain) {
    const txHash = readEvmHash(row, 'transaction_hash')
    const logIndex = readInteger(row, 'log_index')
    const blockHeight = readInteger(row, 'block_number')
    const topics = readTopics(row)
    const topic0 = typeof topics[0] === 'string' ? topics[0].toLowerCase() : null
    if (
      topic0 === SWAP_V2_TOPIC ||
      topic0 === SWAP_V3_TOPIC ||
      topic0 === DEPOSIT_TOPIC ||
      topic0 === WRAP_TOPIC ||
      topic0 === UNWRAP_TOPIC
    ) {
      return mapEventLog(row, topics, { chain, txHash, blockHeight, logIndex })
    }
    if (topic0 !== TRANSFER_TOPIC) return []
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

/**
 * A Swap, wrap or Deposit log → a swap log, a wrap's transfer and swap, or a bridge deposit; a
 * layout that does not decode → none.
 */
function mapEventLog(
  row: FieldSource,
  topics: readonly unknown[],
  at: { chain: ChainId; txHash: string; blockHeight: number; logIndex: number },
): readonly ParsedRecord[] {
  const words = topics.map((topic, index) => {
    if (typeof topic !== 'string' || !WORD.test(topic)) {
      throw invalidField(row, `topics[${index}]`, topic, 'is not a 32-byte hex topic')
    }
    return topic.toLowerCase() as `0x${string}`
  })
  const data = readTextOrNull(row, 'data') ?? '0x'
  if (!/^0x([0-9a-fA-F]{2})*$/.test(data))
    throw invalidField(row, 'data', data, 'is not 0x-prefixed hex')
  const decoded = decodeEvmLog(
    {
      address: readEvmAddress(row, 'address'),
      topics: words,
      data: data.toLowerCase() as `0x${string}`,
    },
    chains[at.chain].wrappedNative,
  )
  const txIndex = readIntegerOrNull(row, 'transaction_index')
  if (decoded?.type === 'swap') {
    return [{ type: 'swap-log', record: { ...at, txIndex, swap: decoded } }]
  }
  if (decoded?.type === 'wrap') {
    const { logIndex, ...where } = at
    const wrap = wrapRecords({ ...where, txIndex }, logIndex, decoded)
    return [
      { type: 'transfer', record: wrap.transfer },
      { type: 'swap', record: wrap.swap },
    ]
  }
  if (decoded?.type !== 'deposit') return []
  return [
    {
      type: 'bridge-deposit',
      record: {
        chain: at.chain,
        txHash: at.txHash,
        blockHeight: at.blockHeight,
        txIndex,
        position: tokenPosition(at.logIndex),
        router: decoded.router,
        vault: decoded.vault,
        depositor: null,
        asset: decoded.asset ?? NATIVE_ASSET,
        amount: decoded.amount,
        memo: decoded.memo,
      },
    },
  ]
}
