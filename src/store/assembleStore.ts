import type { Kysely } from 'kysely'
import type { ChainBatch } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { readIngestStatus } from './ingestStatusRows.js'
import { readBridgeDepositsInOrder } from './readBridgeDepositsInOrder.js'
import { readCheckpoint } from './readCheckpoint.js'
import { readCounterparties } from './readCounterparties.js'
import { readDesignations } from './readDesignations.js'
import { readLists } from './readLists.js'
import { readAccountEvents, readAlerts } from './readMonitorHistory.js'
import { readPaymentsTo } from './readPaymentsTo.js'
import { readStats } from './readStats.js'
import { readSwapsInOrder } from './readSwapsInOrder.js'
import { readBlockHash, readTip } from './readTip.js'
import { readTransfersInOrder } from './readTransfersInOrder.js'
import { readUtxoTransactions } from './readUtxoTransactions.js'
import { readUtxoTransactionsInOrder } from './readUtxoTransactionsInOrder.js'
import { findDecision, recordMonitorDecision } from './recordMonitorDecision.js'
import { replaceList } from './replaceList.js'
import { resolvePending } from './resolvePending.js'
import {
  insertRetroAlerts,
  readDesignationsAddedIn,
  readEventsByCounterparty,
} from './retroHuntRows.js'
import { rollbackFrom } from './rollbackFrom.js'
import type { SqlStore } from './SqlStore.js'
import type { ImportCheckpoint, StoreDialect, WriteResult } from './Store.js'
import type { Database } from './schema.js'
import { storeFailure } from './storeFailure.js'

export type AssembleStoreParameters<D extends StoreDialect> = {
  readonly dialect: D
  readonly db: Kysely<Database>
  /** Redacted URL, for messages. */
  readonly url: string
  readonly writeBatch: (
    batch: ChainBatch,
    checkpoint: ImportCheckpoint | undefined,
  ) => Promise<WriteResult>
  readonly ping: () => Promise<void>
}

/**
 * Builds the `Store` both dialects share: kysely queries for reads, lists and `resolvePending`, the
 * dialect's own batch writer, driver errors mapped to `ChainwatchError`, and a one-shot close.
 */
export function assembleStore<D extends StoreDialect>({
  dialect,
  db,
  url,
  writeBatch,
  ping,
}: AssembleStoreParameters<D>): SqlStore & { readonly dialect: D } {
  let closed = false
  const guard = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    if (closed) {
      throw new ChainwatchError('store.unavailable', 'The store is closed.', {
        meta: { url, action },
      })
    }
    try {
      return await run()
    } catch (error) {
      throw storeFailure(error, { action, url })
    }
  }
  async function* guardStream<T>(action: string, open: () => AsyncGenerator<T>): AsyncGenerator<T> {
    if (closed) {
      throw new ChainwatchError('store.unavailable', 'The store is closed.', {
        meta: { url, action },
      })
    }
    try {
      yield* open()
    } catch (error) {
      throw storeFailure(error, { action, url })
    }
  }
  return {
    dialect,
    db,
    writeBatch: (batch, checkpoint) =>
      guard('Writing a batch', () => writeBatch(batch, checkpoint)),
    checkpoint: (source) => guard('Reading a checkpoint', () => readCheckpoint(db, source)),
    rollbackFrom: (chain, height) =>
      guard(`Rolling back ${chain} from block ${height}`, () => rollbackFrom(db, chain, height)),
    tip: (chain) => guard('Reading the chain tip', () => readTip(db, chain)),
    blockHash: (chain, height) =>
      guard('Reading a block hash', () => readBlockHash(db, chain, height)),
    ingestStatus: () => guard('Reading ingest status', () => readIngestStatus(db)),
    resolvePending: () => guard('Resolving pending rows', () => resolvePending(db, dialect)),
    stats: () => guard('Reading stats', () => readStats(db, dialect)),
    replaceList: (input) =>
      guard(`Storing list ${input.list}`, () => replaceList(db, dialect, input)),
    lists: () => guard('Reading lists', () => readLists(db)),
    designations: ({ addresses, includeEnded = false }) =>
      guard('Reading designations', () => readDesignations(db, { addresses, includeEnded })),
    activeDesignations: () =>
      guard('Reading active designations', () =>
        readDesignations(db, { addresses: null, includeEnded: false }),
      ),
    counterparties: (parameters) =>
      guard('Reading counterparties', () => readCounterparties(db, dialect, parameters)),
    transfersInOrder: (parameters) =>
      guardStream('Reading transfers in chain order', () => readTransfersInOrder(db, parameters)),
    utxoTransactionsInOrder: (parameters) =>
      guardStream('Reading UTXO transactions in chain order', () =>
        readUtxoTransactionsInOrder(db, parameters),
      ),
    swapsInOrder: (parameters) =>
      guardStream('Reading swaps in chain order', () => readSwapsInOrder(db, parameters)),
    bridgeDepositsInOrder: (parameters) =>
      guardStream('Reading bridge deposits in chain order', () =>
        readBridgeDepositsInOrder(db, parameters),
      ),
    paymentsTo: (parameters) =>
      guard('Reading payments to an address', () => readPaymentsTo(db, parameters)),
    utxoTransactions: (parameters) =>
      guard('Reading UTXO transactions', () => readUtxoTransactions(db, parameters)),
    recordMonitorDecision: (input) =>
      guard('Storing a monitoring decision', () => recordMonitorDecision(db, input)),
    monitorDecision: (key) => guard('Reading a monitoring decision', () => findDecision(db, key)),
    accountEvents: (parameters) =>
      guard('Reading account events', () => readAccountEvents(db, parameters)),
    alerts: (filter) => guard('Reading alerts', () => readAlerts(db, filter)),
    monitorEventsByCounterparty: (parameters) =>
      guard('Reading events by counterparty', () => readEventsByCounterparty(db, parameters)),
    recordRetroAlerts: (alerts) =>
      guard('Storing retro-hunt alerts', () => insertRetroAlerts(db, alerts)),
    designationsAddedIn: (parameters) =>
      guard('Reading added designations', () => readDesignationsAddedIn(db, parameters)),
    ping: () => guard('Pinging', ping),
    close: async () => {
      if (closed) return
      closed = true
      await db.destroy()
    },
  }
}
