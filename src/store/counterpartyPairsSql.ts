import { type RawBuilder, sql } from 'kysely'
import { type ChainId, chains, NATIVE_ASSET } from '../chain/index.js'
import { amountSql } from './amountSql.js'
import type { StoreDialect } from './Store.js'

export type CounterpartyPairsSqlParameters = {
  readonly dialect: StoreDialect
  readonly chain: ChainId
  readonly direction: 'in' | 'out'
  readonly addresses: readonly string[]
}

/**
 * Common table expressions ending in `pairs (address, counterparty, asset, amount, transfers)`:
 * the value that moved between each of `addresses` and each counterparty in one direction,
 * summed per asset. Every branch starts from an address index (`transfers_from`/`transfers_to`,
 * `inputs_address`, `outputs_address`) and reaches the other side of a Bitcoin transaction
 * through the `(chain, tx_hash)` prefix of its primary key, so a hub costs its own rows, not a
 * table scan. SQLite plans without statistics, so two things keep it on those indexes: the
 * address lookups are `MATERIALIZED` (else, for one address, it walks another index in `chain`
 * order to serve the GROUP BY or DISTINCT that follows), and "other end not null and not this
 * address" is written `coalesce(other, self) <> self` (else it walks the other end's index as a
 * range).
 *
 * - Account chains: transfers, without null endpoints or self-transfers.
 * - Bitcoin out: outputs to other addresses of the transactions the address spent from (one
 *   `transfers` per output).
 * - Bitcoin in: each output paying the address, attributed in full to every distinct resolved
 *   input address of its transaction. With several input addresses this over-attributes: the
 *   output's value is counted once per input address (which share is whose is unknowable).
 */
export function counterpartyPairsSql({
  dialect,
  chain,
  direction,
  addresses,
}: CounterpartyPairsSqlParameters): RawBuilder<unknown> {
  const amounts = amountSql(dialect)
  const native = sql`CAST(${NATIVE_ASSET} AS text)`
  const list = sql.join(addresses)
  if (chains[chain].model === 'account') {
    const [self, other] =
      direction === 'out' ? ['from_address', 'to_address'] : ['to_address', 'from_address']
    return sql`moved AS MATERIALIZED (
  SELECT ${sql.ref(self)} AS address, ${sql.ref(other)} AS counterparty, asset, amount
  FROM transfers
  WHERE chain = ${chain} AND ${sql.ref(self)} IN (${list})
    AND coalesce(${sql.ref(other)}, ${sql.ref(self)}) <> ${sql.ref(self)}
),
pairs AS (
  SELECT address, counterparty, asset, ${amounts.sum('amount')} AS amount, count(*) AS transfers
  FROM moved
  GROUP BY address, counterparty, asset
)`
  }
  if (direction === 'out') {
    return sql`spent AS MATERIALIZED (
  SELECT chain, tx_hash, address FROM inputs WHERE chain = ${chain} AND address IN (${list})
),
spends AS (SELECT DISTINCT chain, tx_hash, address FROM spent),
pairs AS (
  SELECT s.address AS address, o.address AS counterparty, ${native} AS asset,
    ${amounts.sum('o.value')} AS amount, count(*) AS transfers
  FROM spends s
  JOIN outputs o ON o.chain = s.chain AND o.tx_hash = s.tx_hash
  WHERE coalesce(o.address, s.address) <> s.address
  GROUP BY s.address, o.address
)`
  }
  return sql`paid AS MATERIALIZED (
  SELECT chain, tx_hash, output_index, address, value FROM outputs
  WHERE chain = ${chain} AND address IN (${list})
),
attributed AS (
  SELECT DISTINCT p.tx_hash, p.output_index, p.address AS address, i.address AS counterparty,
    p.value AS value
  FROM paid p
  JOIN inputs i ON i.chain = p.chain AND i.tx_hash = p.tx_hash
  WHERE coalesce(i.address, p.address) <> p.address
),
pairs AS (
  SELECT address, counterparty, ${native} AS asset, ${amounts.sum('value')} AS amount,
    count(*) AS transfers
  FROM attributed
  GROUP BY address, counterparty
)`
}
