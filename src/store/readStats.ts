import type { Kysely } from 'kysely'
import { type ChainId, chains, NATIVE_ASSET, parseChainId } from '../chain/index.js'
import { amountSql } from './amountSql.js'
import type { ChainStats, StoreDialect } from './Store.js'
import type { Database } from './schema.js'

type Count = string | number | bigint
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Per-chain counts, distinct addresses and exact asset totals, in chain-name order. */
export async function readStats(
  db: Kysely<Database>,
  dialect: StoreDialect,
): Promise<readonly ChainStats[]> {
  const amounts = amountSql(dialect)
  const countBy = (
    table: 'blocks' | 'transactions' | 'inputs' | 'outputs' | 'swaps' | 'bridge_deposits',
  ) =>
    db
      .selectFrom(table)
      .select(['chain', (eb) => eb.fn.countAll<Count>().as('count')])
      .groupBy('chain')
      .execute()
  const [
    blocks,
    transactions,
    inputs,
    outputs,
    transfers,
    addresses,
    outputTotals,
    transferTotals,
    swaps,
    bridgeDeposits,
  ] = await Promise.all([
    countBy('blocks'),
    countBy('transactions'),
    countBy('inputs'),
    countBy('outputs'),
    db
      .selectFrom('transfers')
      .select(['chain', 'kind', (eb) => eb.fn.countAll<Count>().as('count')])
      .groupBy(['chain', 'kind'])
      .execute(),
    countAddresses(db),
    db
      .selectFrom('outputs')
      .select(['chain', amounts.sumText('value').as('total')])
      .groupBy('chain')
      .execute(),
    db
      .selectFrom('transfers')
      .select(['chain', 'asset', amounts.sumText('amount').as('total')])
      .groupBy(['chain', 'asset'])
      .execute(),
    countBy('swaps'),
    countBy('bridge_deposits'),
  ])

  const counts = new Map<ChainId, Mutable<Omit<ChainStats, 'assets'>>>()
  const countsOf = (chain: string) => {
    const id = parseChainId(chain)
    let draft = counts.get(id)
    if (draft === undefined) {
      draft = {
        chain: id,
        blocks: 0,
        transactions: 0,
        inputs: 0,
        outputs: 0,
        native_transfers: 0,
        internal_transfers: 0,
        token_transfers: 0,
        swaps: 0,
        bridge_deposits: 0,
        addresses: 0,
      }
      counts.set(id, draft)
    }
    return draft
  }
  for (const row of blocks) countsOf(row.chain).blocks = Number(row.count)
  for (const row of transactions) countsOf(row.chain).transactions = Number(row.count)
  for (const row of inputs) countsOf(row.chain).inputs = Number(row.count)
  for (const row of outputs) countsOf(row.chain).outputs = Number(row.count)
  for (const row of transfers) {
    const draft = countsOf(row.chain)
    if (row.kind === 'native') draft.native_transfers += Number(row.count)
    else if (row.kind === 'internal') draft.internal_transfers += Number(row.count)
    else draft.token_transfers += Number(row.count)
  }
  for (const row of swaps) countsOf(row.chain).swaps = Number(row.count)
  for (const row of bridgeDeposits) countsOf(row.chain).bridge_deposits = Number(row.count)
  for (const row of addresses) countsOf(row.chain).addresses = Number(row.count)

  // UTXO chains: the native asset is the sum of outputs. Account chains: native and internal
  // transfers (asset `native`) carry the native asset; tokens follow in contract order.
  const nativeTotals = new Map<string, string>()
  const tokenTotals: [chain: string, asset: string, total: string][] = []
  for (const row of outputTotals) {
    if (row.total !== null && chains[parseChainId(row.chain)].model === 'utxo') {
      nativeTotals.set(row.chain, row.total)
    }
  }
  for (const row of transferTotals) {
    if (row.total === null || chains[parseChainId(row.chain)].model !== 'account') continue
    if (row.asset === NATIVE_ASSET) nativeTotals.set(row.chain, row.total)
    else tokenTotals.push([row.chain, row.asset, row.total])
  }

  tokenTotals.sort(([, a], [, b]) => compare(a, b))
  return [...counts.values()]
    .sort((a, b) => compare(a.chain, b.chain))
    .map((draft): ChainStats => {
      const native = nativeTotals.get(draft.chain)
      const assets: Record<string, string> = {}
      if (native !== undefined) assets[chains[draft.chain].nativeAsset] = native
      for (const [chain, asset, total] of tokenTotals)
        if (chain === draft.chain) assets[asset] = total
      return { ...draft, assets }
    })
}

/** Distinct non-null addresses per chain over outputs, inputs and both ends of transfers. */
function countAddresses(db: Kysely<Database>) {
  const seen = db
    .selectFrom('outputs')
    .select(['chain', 'address'])
    .where('address', 'is not', null)
    .union(db.selectFrom('inputs').select(['chain', 'address']).where('address', 'is not', null))
    .union(
      db
        .selectFrom('transfers')
        .select(['chain', 'from_address as address'])
        .where('from_address', 'is not', null),
    )
    .union(
      db
        .selectFrom('transfers')
        .select(['chain', 'to_address as address'])
        .where('to_address', 'is not', null),
    )
  return db
    .selectFrom(seen.as('seen'))
    .select(['seen.chain', (eb) => eb.fn.countAll<Count>().as('count')])
    .groupBy('seen.chain')
    .execute()
}

/** Code-unit order, the same in every dialect and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
