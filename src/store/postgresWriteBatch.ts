import { type Kysely, sql, type Transaction } from 'kysely'
import type { ChainBatch } from '../chain/index.js'
import { checkpointInput } from './checkpointInput.js'
import { upsertIngestStatus } from './ingestStatusRows.js'
import type { ImportCheckpoint, WriteResult } from './Store.js'
import type { Database } from './schema.js'
import { type SqlValue, type TableInsert, tableInserts } from './tableInserts.js'

/**
 * Rows per INSERT. Each column travels as one array parameter of `unnest`, so the 65,535
 * bind-parameter limit does not apply; 10,000 rows measured ~20% faster than multi-row VALUES.
 */
const ROWS_PER_STATEMENT = 10_000

export type PostgresWriteBatchParameters = {
  readonly batch: ChainBatch
  readonly checkpoint: ImportCheckpoint | undefined
}

/** Writes one batch and its checkpoint in one PostgreSQL transaction. */
export async function postgresWriteBatch(
  db: Kysely<Database>,
  { batch, checkpoint }: PostgresWriteBatchParameters,
): Promise<WriteResult> {
  const position = checkpoint === undefined ? undefined : checkpointInput(checkpoint)
  return db.transaction().execute(async (trx) => {
    const result: WriteResult = {
      blocks: await insertAll(trx, { insert: tableInserts.blocks, records: batch.blocks }),
      transactions: await insertAll(trx, {
        insert: tableInserts.transactions,
        records: batch.transactions,
      }),
      outputs: await insertAll(trx, { insert: tableInserts.outputs, records: batch.outputs }),
      inputs: await insertAll(trx, { insert: tableInserts.inputs, records: batch.inputs }),
      transfers: await insertAll(trx, { insert: tableInserts.transfers, records: batch.transfers }),
      swaps: await insertAll(trx, { insert: tableInserts.swaps, records: batch.swaps ?? [] }),
      bridgeDeposits: await insertAll(trx, {
        insert: tableInserts.bridgeDeposits,
        records: batch.bridgeDeposits ?? [],
      }),
    }
    if (position !== undefined) {
      const now = new Date().toISOString()
      await trx
        .insertInto('import_checkpoints')
        .values({
          source: position.source,
          position: position.position,
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict.column('source').doUpdateSet((eb) => ({
            position: eb.ref('excluded.position'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute()
      if (position.status !== undefined) await upsertIngestStatus(trx, position.status, now)
    }
    return result
  })
}

/** `INSERT … SELECT * FROM unnest($1::type[], …) ON CONFLICT DO NOTHING`, chunked. */
async function insertAll<R>(
  trx: Transaction<Database>,
  { insert, records }: { readonly insert: TableInsert<R>; readonly records: readonly R[] },
): Promise<number> {
  const names = sql.join(insert.columns.map(([name]) => sql.ref(name)))
  let inserted = 0
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const columns = insert.columns.map(([, type]): { type: string; values: SqlValue[] } => ({
      type,
      values: [],
    }))
    for (const record of records.slice(start, start + ROWS_PER_STATEMENT)) {
      const values = insert.params(record)
      for (const [index, column] of columns.entries()) column.values.push(values[index] ?? null)
    }
    const arrays = sql.join(columns.map(({ type, values }) => sql`${values}::${sql.raw(type)}[]`))
    const result = await sql`INSERT INTO ${sql.table(insert.table)} (${names})
SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`.execute(trx)
    inserted += Number(result.numAffectedRows ?? 0n)
  }
  return inserted
}
