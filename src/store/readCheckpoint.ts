import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** The committed position of an import source, or 0 when it has none. */
export async function readCheckpoint(db: Kysely<Database>, source: string): Promise<number> {
  const row = await db
    .selectFrom('import_checkpoints')
    .select('position')
    .where('source', '=', source)
    .executeTakeFirst()
  return row === undefined ? 0 : Number(row.position)
}
