import { type Kysely, sql } from 'kysely'
import { parseChainId } from '../chain/index.js'
import { pagesByBlock } from './pagesByBlock.js'
import type { ChainOrderParameters, StoredBridgeDeposit } from './Store.js'
import type { Database } from './schema.js'

/** Unknown transaction indexes sort last in their block, as in `readTransfersInOrder`. */
const UNKNOWN_INDEX = 2_147_483_647

/**
 * Streams a chain's bridge-router deposits in chain order `(block, tx index, position)`, with
 * their block's time (null while the block is not imported), in pages that never split a block.
 */
export async function* readBridgeDepositsInOrder(
  db: Kysely<Database>,
  { chain, fromBlock = 0, toBlock, pageSize = 50_000 }: ChainOrderParameters,
): AsyncGenerator<readonly StoredBridgeDeposit[]> {
  const ordered = () =>
    db
      .selectFrom('bridge_deposits as d')
      .selectAll('d')
      // A height may hold more than one stored block (a reorg): the earliest time is taken.
      .select((eb) =>
        eb
          .selectFrom('blocks as b')
          .select((inner) => inner.fn.min('b.time').as('time'))
          .whereRef('b.chain', '=', 'd.chain')
          .whereRef('b.height', '=', 'd.block_height')
          .as('block_time'),
      )
      // Exports without the sender (ethereum-etl logs): the stored transaction's sender.
      .select((eb) =>
        eb
          .selectFrom('transactions as t')
          .select('t.from_address')
          .whereRef('t.chain', '=', 'd.chain')
          .whereRef('t.hash', '=', 'd.tx_hash')
          .limit(1)
          .as('tx_from'),
      )
      .where('d.chain', '=', chain)
      .$if(toBlock !== undefined, (q) => q.where('d.block_height', '<=', toBlock ?? 0))
      .orderBy('d.block_height')
      .orderBy(sql`coalesce(d.tx_index, ${sql.lit(UNKNOWN_INDEX)})`)
      .orderBy('d.position')
  const pages = pagesByBlock({
    fromBlock,
    pageSize,
    page: (from, limit) => ordered().where('d.block_height', '>=', from).limit(limit).execute(),
    block: (height) => ordered().where('d.block_height', '=', height).execute(),
  })
  for await (const rows of pages) {
    yield rows.map(
      (row): StoredBridgeDeposit => ({
        chain: parseChainId(row.chain),
        txHash: row.tx_hash,
        blockHeight: Number(row.block_height),
        txIndex: row.tx_index === null ? null : Number(row.tx_index),
        position: row.position,
        router: row.router,
        vault: row.vault,
        depositor: row.depositor ?? row.tx_from ?? null,
        asset: row.asset,
        amount: BigInt(row.amount),
        memo: row.memo,
        blockTime: row.block_time === null ? null : Number(row.block_time),
      }),
    )
  }
}
