import { type RawBuilder, sql } from 'kysely'
import { amountSql } from './amountSql.js'
import {
  type CounterpartyPairsSqlParameters,
  counterpartyPairsSql,
} from './counterpartyPairsSql.js'

/** One flow as the query returns it; `parties` is the address's full counterparty count. */
export type CounterpartyFlowRow = {
  address: string
  counterparty: string
  asset: string
  amount: string
  transfers: string | number
  parties: string | number
}

/**
 * Ranks the pairs and keeps the first `limit` counterparties per address, each row carrying the
 * address's full counterparty count; rows of one address come in rank order (the caller groups
 * them by address). Ties break on the counterparty in code-unit order
 * (PostgreSQL: `COLLATE "C"`), so both dialects return the same rows.
 */
export function counterpartyFlowsSql(
  parameters: CounterpartyPairsSqlParameters & { readonly limit: number },
): RawBuilder<CounterpartyFlowRow> {
  const { dialect, limit } = parameters
  const pairs = counterpartyPairsSql(parameters)
  const amounts = amountSql(dialect)
  const codeUnits = (column: string) =>
    dialect === 'postgres' ? sql`${sql.ref(column)} COLLATE "C"` : sql.ref(column)
  const counterparty = codeUnits('counterparty')
  return sql<CounterpartyFlowRow>`WITH ${pairs},
ranked AS (
  SELECT address, counterparty, asset, amount, transfers,
    row_number() OVER (
      PARTITION BY address, asset
      ORDER BY ${amounts.descending(sql.ref('amount'))}, transfers DESC, ${counterparty}
    ) AS asset_rank
  FROM pairs
),
parties AS (
  SELECT address, counterparty, min(asset_rank) AS best, sum(transfers) AS transfers
  FROM ranked GROUP BY address, counterparty
),
capped AS (
  SELECT address, counterparty,
    row_number() OVER (
      PARTITION BY address ORDER BY best, transfers DESC, ${counterparty}
    ) AS party_rank,
    count(*) OVER (PARTITION BY address) AS parties
  FROM parties
)
SELECT r.address AS address, r.counterparty AS counterparty, r.asset AS asset,
  ${amounts.text(sql.ref('r.amount'))} AS amount, r.transfers AS transfers, c.parties AS parties
FROM ranked r
JOIN capped c ON c.address = r.address AND c.counterparty = r.counterparty
WHERE c.party_rank <= ${limit}
ORDER BY c.party_rank, r.asset_rank, ${codeUnits('r.asset')}`
}
