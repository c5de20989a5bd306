import type { Kysely } from 'kysely'
import type { Store } from './Store.js'
import type { Database } from './schema.js'

/** A `Store` backed by kysely, with its query builder for queries beyond the interface. */
export type SqlStore = Store & {
  /** The store's kysely instance (all tables; PostgreSQL: on the store's schema). */
  readonly db: Kysely<Database>
}
