import { type Kysely, sql } from 'kysely'
import { type InputRecord, type OutputRecord, parseChainId } from '../chain/index.js'
import { pagesByBlock } from './pagesByBlock.js'
import type { UtxoTransactionRecord, UtxoTransactionsInOrderParameters } from './Store.js'
import type { Database } from './schema.js'

/** Unknown transaction indexes sort last in their block, as in `readTransfersInOrder`. */
const UNKNOWN_INDEX = 2_147_483_647

/** Hashes per IN query: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 1_000

type TransactionRow = {
  chain: string
  hash: string
  block_height: number
  tx_index: number | null
}

/**
 * Streams a UTXO chain's transactions in chain order `(block, tx index, hash)` with their inputs
 * and outputs, page by page with a keyset on the block height: each page ends at a block
 * boundary, so no block is split between pages and memory stays bounded by the page size (or the
 * largest block).
 */
export async function* readUtxoTransactionsInOrder(
  db: Kysely<Database>,
  { chain, fromBlock = 0, toBlock, pageSize = 50_000 }: UtxoTransactionsInOrderParameters,
): AsyncGenerator<readonly UtxoTransactionRecord[]> {
  const ordered = () =>
    db
      .selectFrom('transactions')
      .select(['chain', 'hash', 'block_height', 'tx_index'])
      .where('chain', '=', chain)
      .$if(toBlock !== undefined, (q) => q.where('block_height', '<=', toBlock ?? 0))
      .orderBy('block_height')
      .orderBy(sql`coalesce(tx_index, ${sql.lit(UNKNOWN_INDEX)})`)
      .orderBy('hash')
  const pages = pagesByBlock({
    fromBlock,
    pageSize,
    page: (from, limit) => ordered().where('block_height', '>=', from).limit(limit).execute(),
    block: (height) => ordered().where('block_height', '=', height).execute(),
  })
  for await (const rows of pages) yield await attach(db, chain, rows)
}

/** Reads the inputs and outputs of `rows` (two IN queries per chunk) and builds the records. */
async function attach(
  db: Kysely<Database>,
  chain: string,
  rows: readonly TransactionRow[],
): Promise<UtxoTransactionRecord[]> {
  const inputs = new Map<string, InputRecord[]>()
  const outputs = new Map<string, OutputRecord[]>()
  for (let start = 0; start < rows.length; start += CHUNK) {
    const hashes = rows.slice(start, start + CHUNK).map((row) => row.hash)
    const inputRows = await db
      .selectFrom('inputs')
      .selectAll()
      .where('chain', '=', chain)
      .where('tx_hash', 'in', hashes)
      .orderBy('tx_hash')
      .orderBy('input_index')
      .execute()
    for (const row of inputRows) {
      const input: InputRecord = {
        chain: parseChainId(row.chain),
        txHash: row.tx_hash,
        index: Number(row.input_index),
        spentTxHash: row.spent_tx_hash,
        spentOutputIndex: row.spent_output_index === null ? null : Number(row.spent_output_index),
        address: row.address,
        value: row.value === null ? null : BigInt(row.value),
        blockHeight: Number(row.block_height),
        txIndex: row.tx_index === null ? null : Number(row.tx_index),
      }
      append(inputs, row.tx_hash, input)
    }
    const outputRows = await db
      .selectFrom('outputs')
      .selectAll()
      .where('chain', '=', chain)
      .where('tx_hash', 'in', hashes)
      .orderBy('tx_hash')
      .orderBy('output_index')
      .execute()
    for (const row of outputRows) {
      const output: OutputRecord = {
        chain: parseChainId(row.chain),
        txHash: row.tx_hash,
        index: Number(row.output_index),
        address: row.address,
        value: BigInt(row.value),
        scriptType: row.script_type,
        blockHeight: Number(row.block_height),
        txIndex: row.tx_index === null ? null : Number(row.tx_index),
        ...(row.data === null ? {} : { data: row.data }),
      }
      append(outputs, row.tx_hash, output)
    }
  }
  return rows.map((row) => ({
    chain: parseChainId(row.chain),
    txHash: row.hash,
    blockHeight: Number(row.block_height),
    txIndex: row.tx_index === null ? null : Number(row.tx_index),
    inputs: inputs.get(row.hash) ?? [],
    outputs: outputs.get(row.hash) ?? [],
  }))
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
