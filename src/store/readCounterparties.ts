import type { Kysely } from 'kysely'
import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { counterpartyFlowsSql } from './counterpartyFlowsSql.js'
import type { CounterpartyFlow, StoreDialect } from './Store.js'
import type { Database } from './schema.js'

/** Addresses per query: far below both dialects' bind-parameter limits. */
const ADDRESSES_PER_QUERY = 1_000

export type ReadCounterpartiesParameters = {
  readonly chain: ChainId
  readonly addresses: readonly string[]
  /** Counterparties kept per address and direction; a positive integer. */
  readonly limit: number
}

export type ReadCounterpartiesResult = {
  readonly flows: readonly CounterpartyFlow[]
  /** Every requested address, with its full distinct counterparty count per direction. */
  readonly counts: ReadonlyMap<string, { readonly in: number; readonly out: number }>
}

/**
 * One hop of value flow around each address, both directions. Amounts in different assets do
 * not compare, so counterparties are ranked per address and direction by their best rank in any
 * one asset (1 = the largest amount of that asset), then by transfers; the first `limit` are
 * kept with all their assets. Flows come address by address, out before in, largest first.
 */
export async function readCounterparties(
  db: Kysely<Database>,
  dialect: StoreDialect,
  { chain, addresses, limit }: ReadCounterpartiesParameters,
): Promise<ReadCounterpartiesResult> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ChainwatchError(
      'input.invalid',
      `Counterparty limit ${limit} is not a positive integer.`,
      {
        meta: { limit },
      },
    )
  }
  const unique = [...new Set(addresses)]
  const counts = new Map(unique.map((address) => [address, { in: 0, out: 0 }]))
  const byAddress = new Map<string, CounterpartyFlow[]>(unique.map((address) => [address, []]))
  for (let start = 0; start < unique.length; start += ADDRESSES_PER_QUERY) {
    const chunk = unique.slice(start, start + ADDRESSES_PER_QUERY)
    for (const direction of ['out', 'in'] as const) {
      const query = counterpartyFlowsSql({ dialect, chain, direction, addresses: chunk, limit })
      const { rows } = await query.execute(db)
      for (const row of rows) {
        const count = counts.get(row.address)
        if (count !== undefined) count[direction] = Number(row.parties)
        byAddress.get(row.address)?.push({
          chain,
          address: row.address,
          counterparty: row.counterparty,
          direction,
          asset: row.asset,
          amount: BigInt(row.amount),
          transfers: Number(row.transfers),
        })
      }
    }
  }
  return { flows: [...byAddress.values()].flat(), counts }
}
