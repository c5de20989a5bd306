import type { ChainBatch, ChainId } from '../chain/index.js'

export type StoreDialect = 'sqlite' | 'postgres'

/** Where an import stands in one source file, committed atomically with the rows it covers. */
export type ImportCheckpoint = {
  /** Identifies the source: absolute path + size + mtime, so a changed file starts over. */
  readonly source: string
  /** Number of records of the source (lines, blocks) that are durably written. */
  readonly position: number
}

/** What one `writeBatch` actually inserted (rows already present are not counted). */
export type WriteResult = {
  readonly blocks: number
  readonly transactions: number
  readonly outputs: number
  readonly inputs: number
  readonly transfers: number
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
  /** Fills in input addresses/values and transfer tx indexes known from other rows. */
  resolvePending(): Promise<ResolveResult>
  /** Figures per chain, in chain-name order; chains with no data are left out. */
  stats(): Promise<readonly ChainStats[]>
  /** Throws `store.unavailable` when the database does not answer. */
  ping(): Promise<void>
  close(): Promise<void>
}
