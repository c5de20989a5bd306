import { createDesignationIndex, type DesignationIndex } from '../screening/index.js'
import type {
  CounterpartyFlow,
  Designation,
  Store,
  UtxoTransactionSummary,
} from '../store/index.js'
import type { EvidenceStore } from './gatherEvidence.js'

export type EvidenceCacheOptions = {
  /**
   * How long a read answer is reused (ms): the staleness bound. A designation loaded, or a flow
   * imported, reaches decisions at most this much later. 0 turns caching off.
   */
  readonly ttlMs: number
  /** Entries kept per kind (least recently used dropped first). */
  readonly maxEntries?: number
  readonly now?: () => number
}

/** Rebuild bound for designation edits the list summaries do not show. */
const INDEX_MAX_AGE_MS = 30_000

type Counted = { readonly flows: readonly CounterpartyFlow[]; readonly count?: InOut }
type InOut = { readonly in: number; readonly out: number }

/**
 * The evidence reads with a short-lived per-address cache in front (designations, one-hop flows,
 * UTXO transactions): consecutive deposits share hubs, peel-chain ancestors and funders, so most
 * of a 2-hop exposure search is answered from memory. Per-address entries compose exactly into
 * the store's multi-address answers (its limits and counts are per address). The account's
 * history is never cached (each decision changes it).
 */
export function cachedEvidenceStore(
  store: EvidenceStore & Partial<Pick<Store, 'lists' | 'activeDesignations'>>,
  { ttlMs, maxEntries = 100_000, now = Date.now }: EvidenceCacheOptions,
): EvidenceStore {
  if (ttlMs <= 0) return store
  const designations = createLru<readonly Designation[]>(ttlMs, maxEntries, now)
  const index = designationIndexOf(store, ttlMs, now)
  const flows = createLru<Counted>(ttlMs, maxEntries, now)
  const txs = createLru<UtxoTransactionSummary | null>(ttlMs, maxEntries, now)
  return {
    accountEvents: (parameters) => store.accountEvents(parameters),
    designations: async (parameters) => {
      if (parameters.includeEnded === true) return store.designations(parameters)
      const current = await index?.()
      if (current !== undefined) {
        return [...new Set(parameters.addresses)].flatMap((a) => current.lookup(a))
      }
      const known = await readThrough(
        designations,
        parameters.addresses,
        (a) => a,
        async (missing) => {
          const found = groupBy(await store.designations({ addresses: missing }), (d) => d.address)
          return (a) => found.get(a) ?? []
        },
      )
      return [...known.values()].flat()
    },
    counterparties: async ({ chain, addresses, limit }) => {
      const known = await readThrough(
        flows,
        addresses,
        (a) => `${chain}|${limit}|${a}`,
        async (missing) => {
          const read = await store.counterparties({ chain, addresses: missing, limit })
          const byAddress = groupBy(read.flows, (f) => f.address)
          return (a) => {
            const count = read.counts.get(a)
            return { flows: byAddress.get(a) ?? [], ...(count ? { count } : {}) }
          }
        },
      )
      const counts = new Map<string, InOut>()
      for (const [a, entry] of known) if (entry.count !== undefined) counts.set(a, entry.count)
      return { flows: [...known.values()].flatMap((entry) => entry.flows), counts }
    },
    utxoTransactions: async ({ chain, txHashes }) => {
      const known = await readThrough(
        txs,
        txHashes,
        (h) => `${chain}|${h}`,
        async (missing) => {
          const byHash = new Map(
            (await store.utxoTransactions({ chain, txHashes: missing })).map((tx) => [
              tx.txHash,
              tx,
            ]),
          )
          return (h) => byHash.get(h) ?? null
        },
      )
      return [...known.values()].flatMap((tx) => (tx === null ? [] : [tx]))
    },
  }
}

/**
 * With a full store: every active designation in memory, its lists' versions checked at most
 * every `ttlMs` and the index rebuilt when any changed (one cheap read per interval), and at
 * least every INDEX_MAX_AGE_MS for edits that keep a list's version and size.
 */
function designationIndexOf(
  store: Partial<Pick<Store, 'lists' | 'activeDesignations'>>,
  ttlMs: number,
  now: () => number,
): (() => Promise<DesignationIndex>) | undefined {
  const { lists, activeDesignations } = store
  if (lists === undefined || activeDesignations === undefined) return undefined
  let checkedAt = Number.NEGATIVE_INFINITY
  let versions = ''
  let builtAt = 0
  let index: Promise<DesignationIndex> | null = null
  let checking: Promise<DesignationIndex> | null = null
  const check = async (): Promise<DesignationIndex> => {
    const seen = (await lists.call(store))
      .map((l) => `${l.list}:${l.version}:${l.entries}`)
      .sort()
      .join(',')
    if (index === null || seen !== versions || now() - builtAt > INDEX_MAX_AGE_MS) {
      versions = seen
      builtAt = now()
      index = activeDesignations.call(store).then(createDesignationIndex)
    }
    checkedAt = now()
    return index
  }
  return () => {
    if (index !== null && now() - checkedAt <= ttlMs) return index
    checking ??= check().finally(() => {
      checking = null
    })
    return checking
  }
}

/**
 * Answers each distinct item (in first-seen order) from the cache, reading the missing ones in
 * one store call and caching what it read.
 */
async function readThrough<V>(
  cache: Lru<V>,
  items: readonly string[],
  keyOf: (item: string) => string,
  read: (missing: string[]) => Promise<(item: string) => V>,
): Promise<Map<string, V>> {
  const known = new Map<string, V | undefined>()
  const missing: string[] = []
  for (const item of items) {
    if (known.has(item)) continue
    const value = cache.get(keyOf(item))
    known.set(item, value)
    if (value === undefined) missing.push(item)
  }
  if (missing.length > 0) {
    const answer = await read(missing)
    for (const item of missing) {
      const value = answer(item)
      cache.set(keyOf(item), value)
      known.set(item, value)
    }
  }
  return known as Map<string, V>
}

type Lru<V> = { get(key: string): V | undefined; set(key: string, value: V): void }

function createLru<V>(ttlMs: number, maxEntries: number, now: () => number): Lru<V> {
  const entries = new Map<string, { readonly at: number; readonly value: V }>()
  const fresh = (key: string) => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (now() - entry.at > ttlMs) {
      entries.delete(key)
      return undefined
    }
    entries.delete(key)
    entries.set(key, entry)
    return entry
  }
  return {
    get: (key) => fresh(key)?.value,
    set: (key, value) => {
      entries.delete(key)
      entries.set(key, { at: now(), value })
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next()
        if (oldest.done !== true) entries.delete(oldest.value)
      }
    },
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}
