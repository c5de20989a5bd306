import type { Kysely } from 'kysely'
import { type ChainId, parseChainId } from '../chain/index.js'
import type { UtxoTransactionSummary } from './monitorRecords.js'
import type { Database } from './schema.js'

/** Hashes per IN query: well under both dialects' parameter limits. */
const CHUNK = 1_000

/**
 * UTXO transactions by hash with their inputs, outputs and block time (hashes not stored are
 * left out): what monitoring walks back through for peel-chain and bridge-origin evidence.
 */
export async function readUtxoTransactions(
  db: Kysely<Database>,
  { chain, txHashes }: { readonly chain: ChainId; readonly txHashes: readonly string[] },
): Promise<readonly UtxoTransactionSummary[]> {
  const result: UtxoTransactionSummary[] = []
  const unique = [...new Set(txHashes)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const hashes = unique.slice(start, start + CHUNK)
    const txs = await db
      .selectFrom('transactions as t')
      .select(['t.chain', 't.hash', 't.block_height'])
      .select((eb) =>
        eb
          .selectFrom('blocks as b')
          .select((m) => m.fn.min('b.time').as('time'))
          .whereRef('b.chain', '=', 't.chain')
          .whereRef('b.height', '=', 't.block_height')
          .as('block_time'),
      )
      .where('t.chain', '=', chain)
      .where('t.hash', 'in', hashes)
      .execute()
    if (txs.length === 0) continue
    const inputs = await db
      .selectFrom('inputs')
      .select(['tx_hash', 'address', 'spent_tx_hash', 'spent_output_index', 'value'])
      .where('chain', '=', chain)
      .where('tx_hash', 'in', hashes)
      .orderBy('tx_hash')
      .orderBy('input_index')
      .execute()
    const outputs = await db
      .selectFrom('outputs')
      .select(['tx_hash', 'address', 'value'])
      .where('chain', '=', chain)
      .where('tx_hash', 'in', hashes)
      .orderBy('tx_hash')
      .orderBy('output_index')
      .execute()
    const inputsOf = group(inputs, (row) => ({
      address: row.address,
      spentTxHash: row.spent_tx_hash,
      spentOutputIndex: row.spent_output_index === null ? null : Number(row.spent_output_index),
      value: row.value === null ? null : BigInt(row.value),
    }))
    const outputsOf = group(outputs, (row) => ({ address: row.address, value: BigInt(row.value) }))
    for (const tx of txs) {
      result.push({
        chain: parseChainId(tx.chain),
        txHash: tx.hash,
        blockTime: tx.block_time === null ? null : Number(tx.block_time),
        inputs: inputsOf.get(tx.hash) ?? [],
        outputs: outputsOf.get(tx.hash) ?? [],
      })
    }
  }
  return result
}

function group<R extends { tx_hash: string }, T>(rows: readonly R[], map: (row: R) => T) {
  const grouped = new Map<string, T[]>()
  for (const row of rows) {
    const list = grouped.get(row.tx_hash)
    if (list === undefined) grouped.set(row.tx_hash, [map(row)])
    else list.push(map(row))
  }
  return grouped
}
