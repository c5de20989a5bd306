import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openPostgresStore } from './openPostgresStore.js'
import { openSqliteStore } from './openSqliteStore.js'
import type { SqlStore } from './SqlStore.js'
import type { StoreDialect } from './Store.js'

/** Every dialect the store suite runs against; each test file loops over them. */
export const dialects: readonly StoreDialect[] = ['sqlite', 'postgres']

/** The PostgreSQL server the suite uses (trust auth); override with CHAINWATCH_TEST_POSTGRES_URL. */
export const testPostgresUrl =
  process.env.CHAINWATCH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** One isolated database for a test suite: a temp SQLite file or a fresh PostgreSQL schema. */
export type TestDatabase = {
  readonly dialect: StoreDialect
  /** Opens another store on the same database (the caller closes it). */
  open(): Promise<SqlStore>
  /** Deletes every row, so each test starts empty. */
  clear(store: SqlStore): Promise<void>
  /** Drops the schema or deletes the file. */
  dispose(store: SqlStore): Promise<void>
}

const tables = [
  'blocks',
  'transactions',
  'outputs',
  'inputs',
  'transfers',
  'swaps',
  'bridge_deposits',
  'import_checkpoints',
  'ingest_status',
  'designations',
  'list_versions',
] as const

/** Creates a test database for `dialect` (kysely's DIALECTS/initTest/clearDatabase pattern). */
export function createTestDatabase(dialect: StoreDialect): TestDatabase {
  const clear = async (store: SqlStore) => {
    for (const table of tables) await store.db.deleteFrom(table).execute()
  }
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'cw-store-'))
    return {
      dialect,
      open: () => openSqliteStore({ path: join(directory, 'store.db') }),
      clear,
      dispose: async (store) => {
        await store.close()
        rmSync(directory, { recursive: true, force: true })
      },
    }
  }
  const schema = `cw_test_${randomBytes(6).toString('hex')}`
  return {
    dialect,
    open: () => openPostgresStore({ url: testPostgresUrl, schema }),
    clear,
    dispose: async (store) => {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db)
      await store.close()
    },
  }
}
