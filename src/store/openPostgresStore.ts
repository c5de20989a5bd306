import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { ChainwatchError, isChainwatchError } from '../errors/index.js'
import { assembleStore } from './assembleStore.js'
import { migrateStore } from './migrateStore.js'
import { postgresWriteBatch } from './postgresWriteBatch.js'
import { redactUrl } from './redactUrl.js'
import type { SqlStore } from './SqlStore.js'
import type { Database } from './schema.js'

/** A PostgreSQL store. */
export type PostgresStore = SqlStore & { readonly dialect: 'postgres' }

export type OpenPostgresStoreParameters = {
  /** `postgres://` or `postgresql://` connection URL. */
  readonly url: string
  /** Schema that holds all tables (created if missing); default: the server's search_path. */
  readonly schema?: string
}

/** Unquoted PostgreSQL identifiers fold to lowercase, so only lowercase names mean one thing. */
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/
const CONNECT_TIMEOUT_MS = 10_000

/**
 * Connects to PostgreSQL, creates the schema if missing and migrates it, or throws
 * `config.invalid` (bad schema name), `store.unavailable` or `store.migration_failed`.
 *
 * @example
 * const store = await openPostgresStore({ url: 'postgres://app@db:5432/chainwatch' })
 */
export async function openPostgresStore({
  url,
  schema,
}: OpenPostgresStoreParameters): Promise<PostgresStore> {
  const redacted = redactUrl(url)
  if (schema !== undefined && !schemaName.test(schema)) {
    throw new ChainwatchError('config.invalid', `Schema "${schema}" is not a valid schema name.`, {
      meta: { schema },
      details: 'Use lowercase letters, digits and underscores, starting with a letter or _.',
    })
  }
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Every pooled connection resolves unqualified table names in the store's schema.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle client that loses its connection emits 'error' on the pool, which would crash the
  // process if unhandled; the next query reports it as store.unavailable instead.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })

  try {
    await sql`SELECT 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw new ChainwatchError('store.unavailable', 'The database cannot be reached or opened.', {
      meta: { url: redacted },
      cause: error,
    })
  }
  try {
    if (schema !== undefined) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db)
    const current = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(
      db,
    )
    const migrationSchema = current.rows[0]?.schema ?? undefined
    await migrateStore(db, {
      dialect: 'postgres',
      ...(migrationSchema === undefined ? {} : { schema: migrationSchema }),
    })
  } catch (error) {
    await db.destroy()
    throw isChainwatchError(error)
      ? error
      : new ChainwatchError(
          'store.migration_failed',
          'The database schema could not be brought up to date.',
          { meta: { url: redacted, schema }, cause: error },
        )
  }

  return assembleStore({
    dialect: 'postgres',
    db,
    url: redacted,
    writeBatch: (batch, checkpoint) => postgresWriteBatch(db, { batch, checkpoint }),
    ping: async () => {
      await sql`SELECT 1`.execute(db)
    },
  })
}
