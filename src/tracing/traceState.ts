import type { ChainId } from '../chain/index.js'
import type { FifoLots } from './fifoLots.js'
import type { TracePolicy } from './TraceEvent.js'
import type {
  CrossChainLink,
  TaintedTransfer,
  TraceEndpoint,
  TraceHolding,
  TraceResult,
  TraceTotals,
} from './TraceResult.js'

/** Per (chain, address, asset) engine state; UTXO addresses use `tainted` only (taint of unspent outputs). */
export type Holder = {
  readonly chain: ChainId
  readonly address: string
  readonly asset: string
  /** Index of the holder's known balance in `TraceState.balances`. */
  readonly id: number
  tainted: bigint
  received: bigint
  seeded: bigint
  /** -1 while never tainted. */
  hop: number
  /** poison: tainted for the rest of the trace. */
  poisoned: boolean
  /** An active address seed: everything it holds and receives is tainted. */
  seed: boolean
  /** fifo: null while the whole balance is clean. */
  lots: FifoLots | null
}

/** A tainted unspent output. */
export type TaintedOutput = {
  readonly holder: Holder
  readonly value: bigint
  readonly tainted: bigint
  readonly hop: number
  /** fifo: tainted ranges `[start, end)` relative to the output, flat and sorted. */
  readonly ranges: readonly bigint[] | null
}

/** An address seed waiting for its block, or active. */
export type AddressSeedState = {
  readonly chain: ChainId
  readonly address: string
  /** undefined: all assets. */
  readonly asset: string | undefined
  readonly block: number
  active: boolean
  /** Holders of the seed address seen so far (activated together). */
  readonly holders: Holder[]
  /** UTXO: unspent outputs of the address (key → value), tainted at activation. */
  readonly pendingOutputs: Map<string, { value: bigint; holder: Holder }>
}

/** Mutable state of one trace. */
export type TraceState = {
  readonly policy: TracePolicy
  readonly isStop: ((chain: ChainId, address: string) => boolean) | undefined
  readonly maxHops: number
  readonly dust: bigint
  readonly collect: boolean
  /** chain → asset → address → holder. */
  readonly holders: Map<string, Map<string, Map<string, Holder>>>
  /** `${chain}|${txHash}|${index}` → tainted unspent output. */
  readonly outputs: Map<string, TaintedOutput>
  /** `${chain}|${address}` → address seed. */
  readonly addressSeeds: Map<string, AddressSeedState[]>
  /** `${chain}|${txHash}` → seeded positions / output indexes (null: all). */
  readonly txSeeds: Map<string, Set<string> | null>
  readonly endpoints: Map<
    string,
    { endpoint: Omit<TraceEndpoint, 'absorbed' | 'hop'>; absorbed: bigint; hop: number }
  >
  readonly transfers: TaintedTransfer[]
  /** Tainted bridge deposits, in event order. */
  readonly links: CrossChainLink[]
  /** Swaps and bridge deposits whose legs are not among their transaction's transfers. */
  unmatchedSwaps: number
  unmatchedBridgeDeposits: number
  totals: { -readonly [K in keyof TraceTotals]: bigint }
  /**
   * Known balances (account model, floored at 0) by holder id. Typed, so that updating one does
   * not allocate a heap object per event; balances of 2^63 and more live in `bigBalances`.
   */
  balances: BigInt64Array
  readonly bigBalances: Map<number, bigint>
  holderCount: number
  /** The holder map of the last (chain, asset) looked up. */
  readonly cache: { chain: string; asset: string; map: Map<string, Holder> }
  /** Scratch queue for fifo pieces in flight (reused to avoid allocation). */
  readonly scratch: FifoLots
}

/** The holder of (chain, address, asset), created clean on first use. */
export function getHolder(
  state: TraceState,
  chain: ChainId,
  asset: string,
  address: string,
): Holder {
  return holderIn(state, holderMap(state, chain, asset), chain, asset, address)
}

/** The holders of one (chain, asset), remembering the last one asked for (events come in runs). */
export function holderMap(state: TraceState, chain: ChainId, asset: string): Map<string, Holder> {
  const cache = state.cache
  if (cache.chain === chain && cache.asset === asset) return cache.map
  let byAsset = state.holders.get(chain)
  if (byAsset === undefined) {
    byAsset = new Map()
    state.holders.set(chain, byAsset)
  }
  let byAddress = byAsset.get(asset)
  if (byAddress === undefined) {
    byAddress = new Map()
    byAsset.set(asset, byAddress)
  }
  cache.chain = chain
  cache.asset = asset
  cache.map = byAddress
  return byAddress
}

/** The holder of `address` in the map of (chain, asset), created clean on first use. */
export function holderIn(
  state: TraceState,
  map: Map<string, Holder>,
  chain: ChainId,
  asset: string,
  address: string,
): Holder {
  let holder = map.get(address)
  if (holder === undefined) {
    holder = {
      chain,
      address,
      asset,
      id: state.holderCount++,
      tainted: 0n,
      received: 0n,
      seeded: 0n,
      hop: -1,
      poisoned: false,
      seed: false,
      lots: null,
    }
    map.set(address, holder)
    if (state.addressSeeds.size > 0) attachSeed(state, holder)
  }
  return holder
}

const BIG = -1n
const LIMIT = 2n ** 63n

/** The known balance of a holder (account model). */
export function balanceOf(state: TraceState, id: number): bigint {
  const value = state.balances[id] ?? 0n
  return value === BIG ? (state.bigBalances.get(id) ?? 0n) : value
}

/** Sets the known balance of a holder (account model); `value` is never negative. */
export function setBalance(state: TraceState, id: number, value: bigint): void {
  let balances = state.balances
  if (id >= balances.length) {
    balances = new BigInt64Array(Math.max(id + 1, balances.length * 2))
    balances.set(state.balances)
    state.balances = balances
  }
  if (value < LIMIT) {
    if (balances[id] === BIG) state.bigBalances.delete(id)
    balances[id] = value
  } else {
    balances[id] = BIG
    state.bigBalances.set(id, value)
  }
}

/** Registers a new holder with the address seeds of its address (and marks it if one is active). */
function attachSeed(state: TraceState, holder: Holder): void {
  const seeds = state.addressSeeds.get(`${holder.chain}|${holder.address}`)
  if (seeds === undefined) return
  for (const seed of seeds) {
    if (seed.asset !== undefined && seed.asset !== holder.asset) continue
    seed.holders.push(holder)
    if (seed.active) {
      // Its balance is 0 (never seen before): nothing to seed yet, but poison marks it now.
      holder.seed = true
      holder.hop = 0
      if (state.policy === 'poison') holder.poisoned = true
    }
  }
}

/** Counts taint absorbed by a stop address. */
export function absorbAtStop(
  state: TraceState,
  holderKey: Omit<TraceEndpoint, 'absorbed' | 'hop'>,
  amount: bigint,
  hop: number,
): void {
  const key = `${holderKey.chain}|${holderKey.address}|${holderKey.asset}`
  const entry = state.endpoints.get(key)
  if (entry === undefined) state.endpoints.set(key, { endpoint: holderKey, absorbed: amount, hop })
  else {
    entry.absorbed += amount
    if (hop < entry.hop) entry.hop = hop
  }
  state.totals.stops += amount
}

/** Order of holdings and endpoints in a result: chain, address, asset. */
export function compareKeys(
  a: { chain: string; address: string; asset: string },
  b: { chain: string; address: string; asset: string },
): number {
  if (a.chain !== b.chain) return a.chain < b.chain ? -1 : 1
  if (a.address !== b.address) return a.address < b.address ? -1 : 1
  if (a.asset !== b.asset) return a.asset < b.asset ? -1 : 1
  return 0
}

/** The result: holdings with any taint, endpoints, transfers and totals. */
export function buildResult(state: TraceState, eventsApplied: number): TraceResult {
  const holdings: TraceHolding[] = []
  let held = 0n
  for (const byAsset of state.holders.values()) {
    for (const byAddress of byAsset.values()) {
      for (const h of byAddress.values()) {
        if (h.received === 0n && h.tainted === 0n && h.seeded === 0n) continue
        held += h.tainted
        holdings.push({
          chain: h.chain,
          address: h.address,
          asset: h.asset,
          received: h.received,
          held: h.tainted,
          seeded: h.seeded,
          hop: h.hop,
        })
      }
    }
  }
  holdings.sort(compareKeys)
  const endpoints: TraceEndpoint[] = [...state.endpoints.values()].map((e) => ({
    ...e.endpoint,
    absorbed: e.absorbed,
    hop: e.hop,
  }))
  endpoints.sort(compareKeys)
  return {
    policy: state.policy,
    holdings,
    endpoints,
    transfers: state.transfers,
    totals: { ...state.totals, held },
    links: state.links,
    unmatchedSwaps: state.unmatchedSwaps,
    unmatchedBridgeDeposits: state.unmatchedBridgeDeposits,
    eventsApplied,
  }
}

/** Totals of a trace before any event: all zero. */
export function emptyTotals(): { -readonly [K in keyof TraceTotals]: bigint } {
  return {
    seeded: 0n,
    contaminated: 0n,
    held: 0n,
    stops: 0n,
    dust: 0n,
    hopLimit: 0n,
    fees: 0n,
    burned: 0n,
    rounding: 0n,
    swappedIn: 0n,
    swappedOut: 0n,
    bridged: 0n,
  }
}
