import { type Kysely, sql } from 'kysely'
import { parseChainId } from '../chain/index.js'
import type { AddressPayment, PaymentsToParameters } from './Store.js'
import type { Database } from './schema.js'

/** Unknown transaction indexes sort last in their block, as in `readTransfersInOrder`. */
const UNKNOWN_INDEX = 2_147_483_647

/**
 * Outputs paying one address in blocks whose time is within `[fromTime, toTime]`, earliest
 * first, with the OP_RETURN payloads of each paying transaction: the candidates for a bridge's
 * outbound payment.
 */
export async function readPaymentsTo(
  db: Kysely<Database>,
  { chain, address, fromTime, toTime, limit = 100 }: PaymentsToParameters,
): Promise<readonly AddressPayment[]> {
  // The outputs to the address are found through outputs_address first, and only then given their
  // block time: a join grouped by output made SQLite walk every output of the chain instead.
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('outputs as o')
        .select(['o.tx_hash', 'o.output_index', 'o.value', 'o.block_height', 'o.tx_index'])
        .select((inner) =>
          inner
            .selectFrom('blocks as b')
            // A height may hold more than one stored block (a reorg): the earliest time is taken.
            .select((m) => m.fn.min('b.time').as('time'))
            .whereRef('b.chain', '=', 'o.chain')
            .whereRef('b.height', '=', 'o.block_height')
            .as('block_time'),
        )
        .where('o.chain', '=', chain)
        .where('o.address', '=', address)
        .as('p'),
    )
    .selectAll()
    .where('block_time', '>=', fromTime)
    .where('block_time', '<=', toTime)
    .orderBy('block_time')
    .orderBy('block_height')
    .orderBy(sql`coalesce(tx_index, ${sql.lit(UNKNOWN_INDEX)})`)
    .orderBy('tx_hash')
    .orderBy('output_index')
    .limit(limit)
    .execute()
  const hashes = [...new Set(rows.map((row) => row.tx_hash))]
  const data = new Map<string, string[]>()
  if (hashes.length > 0) {
    const payloads = await db
      .selectFrom('outputs')
      .select(['tx_hash', 'data'])
      .where('chain', '=', chain)
      .where('tx_hash', 'in', hashes)
      .where('data', 'is not', null)
      .orderBy('tx_hash')
      .orderBy('output_index')
      .execute()
    for (const { tx_hash, data: payload } of payloads) {
      if (payload === null) continue
      const list = data.get(tx_hash)
      if (list === undefined) data.set(tx_hash, [payload])
      else list.push(payload)
    }
  }
  return rows.map(
    (row): AddressPayment => ({
      chain: parseChainId(chain),
      txHash: row.tx_hash,
      outputIndex: Number(row.output_index),
      address,
      value: BigInt(row.value),
      blockHeight: Number(row.block_height),
      txIndex: row.tx_index === null ? null : Number(row.tx_index),
      blockTime: Number(row.block_time),
      data: data.get(row.tx_hash) ?? [],
    }),
  )
}
