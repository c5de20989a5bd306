import { type Kysely, sql } from 'kysely'
import {
  type ChainId,
  parseChainId,
  type TransferKind,
  type TransferRecord,
} from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { pagesByBlock } from './pagesByBlock.js'
import type { Database } from './schema.js'

export type TransfersInOrderParameters = {
  readonly chain: ChainId
  readonly fromBlock?: number
  readonly toBlock?: number
  /** Rows per query; a block larger than this is read whole in one extra query. */
  readonly pageSize?: number
}

/** Unknown transaction indexes (token transfers whose transaction is not imported) sort last. */
const UNKNOWN_INDEX = 2_147_483_647

/**
 * Streams a chain's transfers in chain order, `(block, tx index, position)`, page by page with a
 * keyset on the block height: each page ends at a block boundary, so no block is split between
 * pages and memory stays bounded by the page size (or the largest block).
 */
export async function* readTransfersInOrder(
  db: Kysely<Database>,
  { chain, fromBlock = 0, toBlock, pageSize = 50_000 }: TransfersInOrderParameters,
): AsyncGenerator<readonly TransferRecord[]> {
  const ordered = () =>
    db
      .selectFrom('transfers')
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
  for await (const rows of pages) yield rows.map(toTransfer)
}

type TransferRow = {
  chain: string
  tx_hash: string
  kind: string
  position: string
  asset: string
  from_address: string | null
  to_address: string | null
  amount: string
  block_height: number
  tx_index: number | null
}

function toTransfer(row: TransferRow): TransferRecord {
  return {
    chain: parseChainId(row.chain),
    txHash: row.tx_hash,
    kind: transferKind(row.kind),
    position: row.position,
    asset: row.asset,
    from: row.from_address,
    to: row.to_address,
    amount: BigInt(row.amount),
    blockHeight: Number(row.block_height),
    txIndex: row.tx_index === null ? null : Number(row.tx_index),
  }
}

function transferKind(kind: string): TransferKind {
  if (kind === 'native' || kind === 'internal' || kind === 'token') return kind
  throw new ChainwatchError('internal', `Stored transfer kind "${kind}" is unknown.`, {
    meta: { kind },
  })
}
