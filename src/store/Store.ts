import type {
  Amount,
  BridgeDepositRecord,
  ChainBatch,
  ChainId,
  InputRecord,
  OutputRecord,
  SwapRecord,
  TransferRecord,
} from '../chain/index.js'
import type { ListEntry, ListKind } from '../screening/index.js'
import type {
  AccountEventsParameters,
  AlertFilter,
  AlertPage,
  AlertRecord,
  MonitorEventKey,
  MonitorEventRecord,
  RecordMonitorDecisionInput,
  StoredMonitorDecision,
  UtxoTransactionSummary,
} from './monitorRecords.js'
import type { CounterpartyEventsParameters } from './retroHuntRows.js'

export type StoreDialect = 'sqlite' | 'postgres'

/** Where an import stands in one source file, committed atomically with the rows it covers. */
export type ImportCheckpoint = {
  /** Identifies the source: absolute path + size + mtime, so a changed file starts over. */
  readonly source: string
  /** Number of records of the source (lines, blocks) that are durably written. */
  readonly position: number
  /** Live ingest: the chain's status row, upserted in the same transaction as the batch. */
  readonly status?: IngestStatusUpdate
}

/** What a live ingester reports with each batch (`ingest_status`, one row per chain). */
export type IngestStatusUpdate = {
  readonly chain: ChainId
  /** The node, redacted (`rpc:http://host:8545`). */
  readonly source: string
  readonly nodeTip: number | null
  /** Highest block stored after this batch, its hash and time (unix seconds). */
  readonly storeTip: number | null
  readonly storeTipHash: string | null
  readonly storeTipTime: number | null
  readonly blocksPerSecond: number | null
}

/** A chain's ingest status as stored; `updatedAt` is ISO 8601. */
export type IngestStatus = IngestStatusUpdate & { readonly updatedAt: string }

/** The highest stored block of a chain. */
export type ChainTip = {
  readonly height: number
  readonly hash: string
  /** Unix seconds. */
  readonly time: number
}

/** Rows `rollbackFrom` deleted, per table. */
export type RollbackResult = {
  readonly chain: ChainId
  /** The first height deleted. */
  readonly fromHeight: number
  readonly blocks: number
  readonly transactions: number
  readonly outputs: number
  readonly inputs: number
  readonly transfers: number
  readonly swaps: number
  readonly bridgeDeposits: number
}

/** What one `writeBatch` actually inserted (rows already present are not counted). */
export type WriteResult = {
  readonly blocks: number
  readonly transactions: number
  readonly outputs: number
  readonly inputs: number
  readonly transfers: number
  readonly swaps: number
  readonly bridgeDeposits: number
}

/** What `resolvePending` filled in from rows that arrived later or in another file. */
export type ResolveResult = {
  /** Inputs whose spent output's address and value are now known. */
  readonly inputs: number
  /** Transfers whose transaction index is now known. */
  readonly transfers: number
}

/** Per-chain figures analysts reconcile imports with (`chainwatch stats`). */
export type ChainStats = {
  readonly chain: ChainId
  readonly blocks: number
  readonly transactions: number
  readonly inputs: number
  readonly outputs: number
  readonly native_transfers: number
  readonly internal_transfers: number
  readonly token_transfers: number
  /** DEX swaps and bridge-router deposits (account chains). */
  readonly swaps: number
  readonly bridge_deposits: number
  /** Distinct addresses seen in outputs, inputs and transfers. */
  readonly addresses: number
  /**
   * Summed amount per asset as a decimal string: the native ticker (BTC: sum of output values;
   * ETH: sum of native and internal transfers) and each token contract address.
   */
  readonly assets: Readonly<Record<string, string>>
}

/**
 * The one storage interface; `openStore` returns a SQLite or PostgreSQL implementation, both
 * passing the same test suite. Every write is idempotent: writing the same rows twice changes
 * nothing.
 */
export interface Store {
  readonly dialect: StoreDialect
  /** Writes the batch and (optionally) the checkpoint in one transaction. */
  writeBatch(batch: ChainBatch, checkpoint?: ImportCheckpoint): Promise<WriteResult>
  /** Last committed position of an import source, or 0. */
  checkpoint(source: string): Promise<number>
  /**
   * Undoes a reorganisation in one transaction: deletes every row of `chain` at block height
   * ≥ `height` (blocks, transactions, outputs, inputs, transfers, swaps, bridge deposits), moves
   * the live checkpoint (`liveCheckpointSource(chain)`) back to `height` and the chain's status
   * row to the new tip.
   */
  rollbackFrom(chain: ChainId, height: number): Promise<RollbackResult>
  /** The highest stored block of `chain`, or null when it has none. */
  tip(chain: ChainId): Promise<ChainTip | null>
  /** The hash of the stored block at `height` (the highest-hash one if several), or null. */
  blockHash(chain: ChainId, height: number): Promise<string | null>
  /** Live ingest status, one row per chain, in chain-name order. */
  ingestStatus(): Promise<readonly IngestStatus[]>
  /** Fills in input addresses/values and transfer tx indexes known from other rows. */
  resolvePending(): Promise<ResolveResult>
  /** Figures per chain, in chain-name order; chains with no data are left out. */
  stats(): Promise<readonly ChainStats[]>
  /**
   * Stores a new version of a list in one transaction: designations it adds begin, those it no
   * longer holds end (kept as history). A failure leaves the active list as it was.
   */
  replaceList(input: ListVersionInput): Promise<ReplaceListResult>
  /** The active version of every list, by list name. */
  lists(): Promise<readonly ListSummary[]>
  /** Designations of these addresses (normalised), active ones only unless `includeEnded`. */
  designations(parameters: {
    readonly addresses: readonly string[]
    readonly includeEnded?: boolean
  }): Promise<readonly Designation[]>
  /** Every active designation (to build an in-memory index for high-rate direct screening). */
  activeDesignations(): Promise<readonly Designation[]>
  /**
   * One hop of value flow around each address, both directions, summed per counterparty and
   * asset; at most `limit` (≥ 1) counterparties per address and direction (largest first: by
   * their best rank in any one asset), with the full count in `counts` (every requested address)
   * so a caller can tell a hub was capped.
   */
  counterparties(parameters: {
    readonly chain: ChainId
    readonly addresses: readonly string[]
    readonly limit: number
  }): Promise<{
    readonly flows: readonly CounterpartyFlow[]
    readonly counts: ReadonlyMap<string, { readonly in: number; readonly out: number }>
  }>
  /**
   * A chain's transfers in chain order `(block, tx index, position)`, in pages that never split a
   * block; what a taint engine walks.
   */
  transfersInOrder(parameters: {
    readonly chain: ChainId
    readonly fromBlock?: number
    readonly toBlock?: number
    readonly pageSize?: number
  }): AsyncIterable<readonly TransferRecord[]>
  /**
   * A UTXO chain's transactions with their inputs and outputs, in chain order
   * `(block, tx index, hash)`, in pages that never split a block; what a UTXO taint engine walks.
   */
  utxoTransactionsInOrder(
    parameters: UtxoTransactionsInOrderParameters,
  ): AsyncIterable<readonly UtxoTransactionRecord[]>
  /** A chain's DEX swaps in chain order `(block, tx index, position)`, in pages that never split a block. */
  swapsInOrder(parameters: ChainOrderParameters): AsyncIterable<readonly SwapRecord[]>
  /**
   * A chain's bridge-router deposits in chain order, with their block's time, in pages that never
   * split a block.
   */
  bridgeDepositsInOrder(
    parameters: ChainOrderParameters,
  ): AsyncIterable<readonly StoredBridgeDeposit[]>
  /**
   * Outputs paying `address` in blocks timed within `[fromTime, toTime]`, earliest first (at most
   * `limit`, default 100), each with its transaction's OP_RETURN payloads: the candidates for a
   * bridge's outbound payment.
   */
  paymentsTo(parameters: PaymentsToParameters): Promise<readonly AddressPayment[]>
  /** UTXO transactions by hash with inputs, outputs and block time (unknown hashes left out). */
  utxoTransactions(parameters: {
    readonly chain: ChainId
    readonly txHashes: readonly string[]
  }): Promise<readonly UtxoTransactionSummary[]>
  /**
   * Monitoring: stores an event with its verdict and alert in one transaction, or, when the
   * event's key (org, chain, txHash, index) is already stored, writes nothing and returns the
   * stored decision with `duplicate: true`.
   */
  recordMonitorDecision(input: RecordMonitorDecisionInput): Promise<StoredMonitorDecision>
  /** The stored decision of an event (`duplicate: true`), or null. */
  monitorDecision(key: MonitorEventKey): Promise<StoredMonitorDecision | null>
  /** One account's stored events in a time window, oldest first. */
  accountEvents(parameters: AccountEventsParameters): Promise<readonly MonitorEventRecord[]>
  /** Alerts matching the filter, newest first, a page at a time. */
  alerts(filter: AlertFilter): Promise<AlertPage>
  /** Retro-hunt: stored events with one of these counterparties since a time, oldest first. */
  monitorEventsByCounterparty(
    parameters: CounterpartyEventsParameters,
  ): Promise<readonly MonitorEventRecord[]>
  /** Retro-hunt: stores alerts in one transaction, skipping ids already stored; returns how many were new. */
  recordRetroAlerts(alerts: readonly AlertRecord[]): Promise<number>
  /** Active designations a list version added: what a retro-hunt after a list load screens. */
  designationsAddedIn(parameters: {
    readonly list: string
    readonly version: number
  }): Promise<readonly Designation[]>
  /** Throws `store.unavailable` when the database does not answer. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** Which blocks a chain-order stream reads. */
export type ChainOrderParameters = {
  readonly chain: ChainId
  readonly fromBlock?: number
  readonly toBlock?: number
  /** Rows per query; a block larger than this is read whole in one extra query. */
  readonly pageSize?: number
}

/** A bridge deposit as stored, with its block's time (unix seconds; null while the block is not imported). */
export type StoredBridgeDeposit = BridgeDepositRecord & { readonly blockTime: number | null }

/** Which payments `paymentsTo` looks for. */
export type PaymentsToParameters = {
  readonly chain: ChainId
  readonly address: string
  /** Unix seconds, both inclusive. */
  readonly fromTime: number
  readonly toTime: number
  readonly limit?: number
}

/** One output paying an address, with its block's time and its transaction's OP_RETURN payloads. */
export type AddressPayment = {
  readonly chain: ChainId
  readonly txHash: string
  readonly outputIndex: number
  readonly address: string
  readonly value: Amount
  readonly blockHeight: number
  readonly txIndex: number | null
  /** Unix seconds. */
  readonly blockTime: number
  /** Hex payloads of the transaction's OP_RETURN outputs, by output index. */
  readonly data: readonly string[]
}

/** Which transactions `utxoTransactionsInOrder` reads. */
export type UtxoTransactionsInOrderParameters = {
  readonly chain: ChainId
  readonly fromBlock?: number
  readonly toBlock?: number
  /** Transactions per query; a block larger than this is read whole in one extra query. */
  readonly pageSize?: number
}

/** A UTXO transaction with its inputs and outputs, each ordered by index. */
export type UtxoTransactionRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  /** Position in its block; null when an export does not carry it (sorted last). */
  readonly txIndex: number | null
  /** Inputs by input index; `value` is null while the spent output is unknown to the store. */
  readonly inputs: readonly InputRecord[]
  /** Outputs by output index. */
  readonly outputs: readonly OutputRecord[]
}

/** One version of a list as loaded, with its provenance; `replaceList` stores it atomically. */
export type ListVersionInput = {
  /** The list's name, stable across versions: `ofac-sdn`, `fbi-psa250226`, `tagpack-lazarus`. */
  readonly list: string
  readonly kind: ListKind
  /** Where it came from: a URL or a file path. */
  readonly source: string
  /** The publication date the source states (ISO 8601), if any. */
  readonly publishedAt: string | null
  /** SHA-256 (hex) of the file's bytes. */
  readonly sha256: string
  /** When it was loaded (ISO 8601). */
  readonly loadedAt: string
  readonly entries: readonly ListEntry[]
}

/** What a new list version changed: designations that began, ended, or went on. */
export type ReplaceListResult = {
  readonly version: number
  readonly added: number
  /** Designations the new version no longer holds: delisted (ended, kept as history). */
  readonly ended: number
  readonly unchanged: number
}

/** A list's designation of an address, with its list's provenance and its dates. */
export type Designation = ListEntry & {
  readonly list: string
  readonly kind: ListKind
  readonly source: string
  /** loadedAt of the first version that held it (publishedAt when the source states one). */
  readonly since: string
  /** When a later version dropped it; null while it is active. */
  readonly until: string | null
}

/** The active version of each list. */
export type ListSummary = {
  readonly list: string
  readonly kind: ListKind
  readonly version: number
  readonly source: string
  readonly publishedAt: string | null
  readonly sha256: string
  readonly loadedAt: string
  /** Active designations. */
  readonly entries: number
}

/**
 * Value that moved between an address and one counterparty, per asset. EVM: summed transfers.
 * Bitcoin: `out` = outputs of transactions the address spent from, to other addresses; `in` =
 * outputs to the address, attributed to each input address of the paying transaction.
 */
export type CounterpartyFlow = {
  readonly chain: ChainId
  readonly address: string
  readonly counterparty: string
  readonly direction: 'in' | 'out'
  /** `native` or a token contract. */
  readonly asset: string
  readonly amount: bigint
  readonly transfers: number
}
