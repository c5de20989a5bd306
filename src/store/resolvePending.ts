import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import { chains } from '../chain/index.js'
import { amountSql } from './amountSql.js'
import type { ResolveResult, StoreDialect } from './Store.js'
import type { Database } from './schema.js'

const utxoChains: readonly string[] = Object.values(chains)
  .filter((chain) => chain.model === 'utxo')
  .map((chain) => chain.id)

/**
 * Fills in what rows written earlier could not know: input addresses and values from the outputs
 * they spend, transfer tx indexes from their transactions, then the fee of every UTXO transaction
 * whose inputs are all known. Set-based UPDATEs that only visit rows still NULL (through the
 * partial `*_pending` indexes), so a re-run on a large, resolved store is cheap.
 */
export async function resolvePending(
  db: Kysely<Database>,
  dialect: StoreDialect,
): Promise<ResolveResult> {
  const inputs = await db
    .updateTable('inputs')
    .from('outputs')
    .set((eb) => ({ address: eb.ref('outputs.address'), value: eb.ref('outputs.value') }))
    .where('inputs.value', 'is', null)
    .where('inputs.spent_tx_hash', 'is not', null)
    .whereRef('outputs.chain', '=', 'inputs.chain')
    .whereRef('outputs.tx_hash', '=', 'inputs.spent_tx_hash')
    .whereRef('outputs.output_index', '=', 'inputs.spent_output_index')
    .executeTakeFirst()

  const transfers = await db
    .updateTable('transfers')
    .from('transactions')
    .set((eb) => ({ tx_index: eb.ref('transactions.tx_index') }))
    .where('transfers.tx_index', 'is', null)
    .whereRef('transactions.chain', '=', 'transfers.chain')
    .whereRef('transactions.hash', '=', 'transfers.tx_hash')
    .where('transactions.tx_index', 'is not', null)
    .executeTakeFirst()

  if (utxoChains.length > 0) await resolveFees(db, dialect)

  return { inputs: Number(inputs.numUpdatedRows), transfers: Number(transfers.numUpdatedRows) }
}

/** fee = Σ inputs − Σ outputs, for UTXO transactions whose inputs are all known. */
async function resolveFees(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const amounts = amountSql(dialect)
  const inputsOf = (eb: ExpressionBuilder<Database, 'transactions'>) =>
    eb
      .selectFrom('inputs')
      .whereRef('inputs.chain', '=', 'transactions.chain')
      .whereRef('inputs.tx_hash', '=', 'transactions.hash')
  await db
    .updateTable('transactions')
    .set((eb) => ({
      fee: amounts.subtract(
        inputsOf(eb).select(amounts.sum('inputs.value').as('total')).$asScalar(),
        eb.fn.coalesce(
          eb
            .selectFrom('outputs')
            .whereRef('outputs.chain', '=', 'transactions.chain')
            .whereRef('outputs.tx_hash', '=', 'transactions.hash')
            .select(amounts.sum('outputs.value').as('total'))
            .$asScalar(),
          amounts.zero,
        ),
      ),
    }))
    .where('transactions.fee', 'is', null)
    .where('transactions.chain', 'in', utxoChains)
    .where((eb) => eb.exists(inputsOf(eb).select(sql.lit(1).as('one'))))
    .where((eb) =>
      eb.not(
        eb.exists(inputsOf(eb).select(sql.lit(1).as('one')).where('inputs.value', 'is', null)),
      ),
    )
    .execute()
}
