import type { Kysely } from 'kysely'
import { ChainwatchError } from '../errors/index.js'
import { listTypeGuards } from './listTypeGuards.js'
import type { ListSummary } from './Store.js'
import type { Database } from './schema.js'

/** The latest (active) version of every list, by list name. */
export async function readLists(db: Kysely<Database>): Promise<readonly ListSummary[]> {
  const rows = await db
    .selectFrom('list_versions as v')
    .selectAll('v')
    .where((eb) =>
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('list_versions as w')
          .select((inner) => inner.fn.max('w.version').as('latest'))
          .whereRef('w.list', '=', 'v.list'),
      ),
    )
    .execute()
  return rows
    .map((row): ListSummary => {
      const kind = row.kind
      if (!listTypeGuards.isListKind(kind)) {
        throw new ChainwatchError('internal', `Stored list "${row.list}" has an unknown kind.`, {
          meta: { list: row.list, kind: row.kind },
        })
      }
      return {
        list: row.list,
        kind,
        version: Number(row.version),
        source: row.source,
        publishedAt: row.published_at,
        sha256: row.sha256,
        loadedAt: row.loaded_at,
        entries: Number(row.entries),
      }
    })
    .sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : 0))
}
