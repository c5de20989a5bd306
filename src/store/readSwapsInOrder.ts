import { type Kysely, sql } from 'kysely'
import { parseChainId, type SwapProtocol, type SwapRecord } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { pagesByBlock } from './pagesByBlock.js'
import type { ChainOrderParameters } from './Store.js'
import type { Database, SwapsTable } from './schema.js'

/** Unknown transaction indexes sort last in their block, as in `readTransfersInOrder`. */
const UNKNOWN_INDEX = 2_147_483_647

/**
 * Streams a chain's DEX swaps in chain order `(block, tx index, position)`, in pages that never
 * split a block (memory bounded by the page size or the largest block).
 */
export async function* readSwapsInOrder(
  db: Kysely<Database>,
  { chain, fromBlock = 0, toBlock, pageSize = 50_000 }: ChainOrderParameters,
): AsyncGenerator<readonly SwapRecord[]> {
  const ordered = () =>
    db
      .selectFrom('swaps')
      .selectAll()
      .where('chain', '=', chain)
      .$if(toBlock !== undefined, (q) => q.where('block_height', '<=', toBlock ?? 0))
      .orderBy('block_height')
      .orderBy(sql`coalesce(tx_index, ${sql.lit(UNKNOWN_INDEX)})`)
      .orderBy('position')
  const pages = pagesByBlock({
    fromBlock,
    pageSize,
    page: (from, limit) => ordered().where('block_height', '>=', from).limit(limit).execute(),
    block: (height) => ordered().where('block_height', '=', height).execute(),
  })
  for await (const rows of pages) yield rows.map(toSwap)
}

function toSwap(row: SwapsTable): SwapRecord {
  return {
    chain: parseChainId(row.chain),
    txHash: row.tx_hash,
    blockHeight: Number(row.block_height),
    txIndex: row.tx_index === null ? null : Number(row.tx_index),
    position: row.position,
    protocol: swapProtocol(row.protocol),
    pool: row.pool,
    sender: row.sender,
    recipient: row.recipient,
    tokenIn: row.token_in,
    amountIn: BigInt(row.amount_in),
    tokenOut: row.token_out,
    amountOut: BigInt(row.amount_out),
  }
}

function swapProtocol(protocol: string): SwapProtocol {
  if (protocol === 'uniswap-v2' || protocol === 'uniswap-v3' || protocol === 'weth') return protocol
  throw new ChainwatchError('internal', `Stored swap protocol "${protocol}" is unknown.`, {
    meta: { protocol },
  })
}
