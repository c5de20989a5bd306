import type { Kysely } from 'kysely'
import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { liveCheckpointSource } from './liveCheckpoint.js'
import { readTip } from './readTip.js'
import type { RollbackResult } from './Store.js'
import type { Database } from './schema.js'

/**
 * Deletes every row of `chain` at height ≥ `height` in one transaction (each delete uses a
 * `(chain, block_height …)` index), moves the live checkpoint back to `height` and the status
 * row to the new tip. A crash leaves either the old rows or none of them.
 */
export async function rollbackFrom(
  db: Kysely<Database>,
  chain: ChainId,
  height: number,
): Promise<RollbackResult> {
  if (!(Number.isSafeInteger(height) && height >= 0)) {
    throw new ChainwatchError('input.invalid', `Rollback height ${height} is not a block height.`, {
      meta: { chain, height },
    })
  }
  return db.transaction().execute(async (trx) => {
    const heightTable = async (
      table: 'transactions' | 'outputs' | 'inputs' | 'transfers' | 'swaps' | 'bridge_deposits',
    ): Promise<number> => {
      const result = await trx
        .deleteFrom(table)
        .where('chain', '=', chain)
        .where('block_height', '>=', height)
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    }
    const blocks = await trx
      .deleteFrom('blocks')
      .where('chain', '=', chain)
      .where('height', '>=', height)
      .executeTakeFirst()
    const result: RollbackResult = {
      chain,
      fromHeight: height,
      blocks: Number(blocks.numDeletedRows),
      transactions: await heightTable('transactions'),
      outputs: await heightTable('outputs'),
      inputs: await heightTable('inputs'),
      transfers: await heightTable('transfers'),
      swaps: await heightTable('swaps'),
      bridgeDeposits: await heightTable('bridge_deposits'),
    }
    const now = new Date().toISOString()
    await trx
      .updateTable('import_checkpoints')
      .set({ position: height, updated_at: now })
      .where('source', '=', liveCheckpointSource(chain))
      .where('position', '>', height)
      .execute()
    const tip = await readTip(trx, chain)
    await trx
      .updateTable('ingest_status')
      .set({
        store_tip: tip?.height ?? null,
        store_tip_hash: tip?.hash ?? null,
        store_tip_time: tip?.time ?? null,
        updated_at: now,
      })
      .where('chain', '=', chain)
      .execute()
    return result
  })
}
