import { openPostgresStore } from './openPostgresStore.js'
import { openSqliteStore } from './openSqliteStore.js'
import { parseStoreUrl } from './parseStoreUrl.js'
import type { Store } from './Store.js'

export type OpenStoreOptions = {
  /** PostgreSQL only: the schema that holds all tables (created if missing). */
  readonly schema?: string
}

/**
 * Opens the store at `url` (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`) and brings its
 * schema up to date. Throws `store.url_invalid`, `store.unavailable` or `store.migration_failed`.
 *
 * @example
 * const store = await openStore('sqlite:./data/chainwatch.db')
 * await store.writeBatch(batch, { source, position })
 * await store.close()
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url)
  if (location.dialect === 'sqlite') return openSqliteStore({ path: location.path })
  const schema = options.schema ?? location.schema
  return openPostgresStore({
    url: location.url,
    ...(schema === undefined ? {} : { schema }),
  })
}
