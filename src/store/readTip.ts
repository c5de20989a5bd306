import type { Kysely } from 'kysely'
import type { ChainId } from '../chain/index.js'
import type { ChainTip } from './Store.js'
import type { Database } from './schema.js'

/** The highest stored block of a chain (index `blocks_height`), or null. */
export async function readTip(db: Kysely<Database>, chain: ChainId): Promise<ChainTip | null> {
  const row = await db
    .selectFrom('blocks')
    .select(['height', 'hash', 'time'])
    .where('chain', '=', chain)
    .orderBy('height', 'desc')
    .orderBy('hash', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? null : { height: row.height, hash: row.hash, time: Number(row.time) }
}

/** The hash of the stored block at `height`, or null. */
export async function readBlockHash(
  db: Kysely<Database>,
  chain: ChainId,
  height: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('blocks')
    .select('hash')
    .where('chain', '=', chain)
    .where('height', '=', height)
    .orderBy('hash', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.hash ?? null
}
