import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import { mergeListEntries, type StagedEntry } from './mergeListEntries.js'
import type { ListVersionInput, ReplaceListResult, StoreDialect } from './Store.js'
import type { Database } from './schema.js'

/** Entries per staging INSERT: each chunk travels as one JSON parameter (~2 MB). */
const ENTRIES_PER_STATEMENT = 10_000

const stagedColumns = [
  'chain',
  'address',
  'entity_id',
  'asset',
  'category',
  'entity',
  'programmes',
  'confidence',
  'label',
] as const satisfies readonly (keyof StagedEntry)[]

/**
 * Stores a new version of a list in one transaction. The merged entries go into a temporary
 * staging table keyed like the active designations, then three set-based statements diff it
 * against the list's active designations: those the version no longer holds end, those it still
 * holds take its descriptive fields, new ones begin. Any failure rolls all of it back.
 */
export async function replaceList(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: ListVersionInput,
): Promise<ReplaceListResult> {
  const staged = mergeListEntries(input.list, input.entries)
  const date = input.publishedAt ?? input.loadedAt
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      // Two loaders of the same list would otherwise race for the same version number.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`chainwatch.list:${input.list}`}))`.execute(
        trx,
      )
    }
    const latest = await trx
      .selectFrom('list_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('list', '=', input.list)
      .executeTakeFirst()
    const version = Number(latest?.version ?? 0) + 1
    await trx
      .insertInto('list_versions')
      .values({
        list: input.list,
        version,
        kind: input.kind,
        source: input.source,
        published_at: input.publishedAt,
        sha256: input.sha256,
        loaded_at: input.loadedAt,
        entries: staged.length,
      })
      .execute()

    await stage(trx, dialect, staged)
    const list = sql`CAST(${input.list} AS text)`
    const matches = (designation: string) => sql`s.chain = ${sql.ref(`${designation}.chain`)}
  AND s.address = ${sql.ref(`${designation}.address`)}
  AND s.entity_id = ${sql.ref(`${designation}.entity_id`)}`

    const ended = await sql`UPDATE designations SET until = CAST(${date} AS text)
WHERE list = ${list} AND until IS NULL
  AND NOT EXISTS (SELECT 1 FROM list_staging s WHERE ${matches('designations')})`.execute(trx)

    const unchanged = await sql`UPDATE designations SET
  last_version = CAST(${version} AS integer),
  asset = s.asset, category = s.category, entity = s.entity, programmes = s.programmes,
  confidence = s.confidence, label = s.label
FROM list_staging s
WHERE designations.list = ${list} AND designations.until IS NULL AND ${matches('designations')}`.execute(
      trx,
    )

    const added = await sql`INSERT INTO designations
  (list, chain, address, entity_id, asset, category, entity, programmes, confidence, label,
   since, until, first_version, last_version)
SELECT ${list}, s.chain, s.address, s.entity_id, s.asset, s.category, s.entity, s.programmes,
  s.confidence, s.label, CAST(${date} AS text), NULL, CAST(${version} AS integer),
  CAST(${version} AS integer)
FROM list_staging s
WHERE NOT EXISTS (
  SELECT 1 FROM designations d WHERE d.list = ${list} AND d.until IS NULL AND ${matches('d')})`.execute(
      trx,
    )

    await sql`DROP TABLE ${dialect === 'sqlite' ? sql`temp.list_staging` : sql`list_staging`}`.execute(
      trx,
    )
    return {
      version,
      added: affected(added),
      ended: affected(ended),
      unchanged: affected(unchanged),
    }
  })
}

/** Creates the transaction's staging table and fills it, one JSON parameter per chunk. */
async function stage(
  trx: Transaction<Database>,
  dialect: StoreDialect,
  entries: readonly StagedEntry[],
): Promise<void> {
  // Temporary: private to this connection, and gone with the transaction if it rolls back.
  await sql`CREATE TEMPORARY TABLE list_staging (
  chain text NOT NULL,
  address text NOT NULL,
  entity_id text NOT NULL,
  asset text,
  category text NOT NULL,
  entity text,
  programmes text NOT NULL,
  confidence integer NOT NULL,
  label text,
  PRIMARY KEY (chain, address, entity_id)
)`.execute(trx)
  const names = sql.join(stagedColumns.map((name) => sql.ref(name)))
  for (let start = 0; start < entries.length; start += ENTRIES_PER_STATEMENT) {
    const chunk = JSON.stringify(
      entries
        .slice(start, start + ENTRIES_PER_STATEMENT)
        .map((entry) => Object.fromEntries(stagedColumns.map((name) => [name, entry[name]]))),
    )
    await sql`INSERT INTO list_staging (${names}) ${rowsOf(dialect, chunk)}`.execute(trx)
  }
  // PostgreSQL plans the diff joins from statistics, which a fresh temporary table lacks.
  if (dialect === 'postgres') await sql`ANALYZE list_staging`.execute(trx)
}

/** A SELECT of the staged columns from a JSON array of objects keyed by column name. */
function rowsOf(dialect: StoreDialect, json: string): RawBuilder<unknown> {
  if (dialect === 'postgres') {
    return sql`SELECT ${sql.join(stagedColumns.map((name) => sql.ref(name)))}
FROM json_to_recordset(CAST(${json} AS json)) AS x(chain text, address text, entity_id text,
  asset text, category text, entity text, programmes text, confidence integer, label text)`
  }
  const fields = stagedColumns.map((name) => sql`value ->> ${sql.lit(`$.${name}`)}`)
  return sql`SELECT ${sql.join(fields)} FROM json_each(${json})`
}

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n)
}
