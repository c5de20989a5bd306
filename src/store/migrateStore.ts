import { type Kysely, type Migration, Migrator } from 'kysely'
import { ChainwatchError } from '../errors/index.js'
import { up as init } from './migrations/0001_init.js'
import { up as lists } from './migrations/0002_lists.js'
import { up as swapsBridges } from './migrations/0003_swaps_bridges.js'
import { up as ingestStatus } from './migrations/0004_ingest_status.js'
import { up as monitoring } from './migrations/0005_monitoring.js'
import { up as retroHunt } from './migrations/0006_retro_hunt.js'
import type { StoreDialect } from './Store.js'
import type { Database } from './schema.js'

type StoreMigration = (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void>

/** In-code migrations, applied in name order; never edit one that has shipped, add a new one. */
const migrations: Readonly<Record<string, StoreMigration>> = {
  '0001_init': init,
  '0002_lists': lists,
  '0003_swaps_bridges': swapsBridges,
  '0004_ingest_status': ingestStatus,
  '0005_monitoring': monitoring,
  '0006_retro_hunt': retroHunt,
}

export type MigrateStoreParameters = {
  readonly dialect: StoreDialect
  /** PostgreSQL schema that holds kysely's migration tables (the store's own schema). */
  readonly schema?: string
}

/** Brings the schema up to date (each migration runs once), or throws `store.migration_failed`. */
export async function migrateStore(
  db: Kysely<Database>,
  { dialect, schema }: MigrateStoreParameters,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(migrations).map(([name, up]): [string, Migration] => [
            name,
            { up: (migrationDb) => up(migrationDb, dialect) },
          ]),
        ),
    },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  })
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>
  try {
    outcome = await migrator.migrateToLatest()
  } catch (error) {
    throw migrationFailed(error, undefined)
  }
  if (outcome.error !== undefined) {
    const failed = outcome.results?.find((result) => result.status === 'Error')
    throw migrationFailed(outcome.error, failed?.migrationName)
  }
}

function migrationFailed(cause: unknown, migration: string | undefined) {
  return new ChainwatchError(
    'store.migration_failed',
    'The database schema could not be brought up to date.',
    { meta: { migration }, cause },
  )
}
