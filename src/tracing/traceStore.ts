import { createHash } from 'node:crypto'
import { type ChainId, chains } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { Category } from '../screening/index.js'
import type { Store } from '../store/index.js'
import { canonicalJson } from './canonicalJson.js'
import { DEFAULT_BRIDGE_WINDOW_SECONDS, matchBridgeLinks } from './matchBridgeLinks.js'
import { labelEndpoints, mergeTraceResults, stopDesignations } from './mergeTraceResults.js'
import { readAccountEvents, readUtxoEvents, type SkippedTx } from './readStoreEvents.js'
import type { ForwardEvent, TracePolicy, TraceSeed } from './TraceEvent.js'
import type { CrossChainLink, TraceResult } from './TraceResult.js'
import { taintedOutpoint } from './taintedOutpoint.js'
import { traceForward } from './traceForward.js'

/** Which chains a trace reads: one, several, or `all` (ethereum, then bitcoin). */
export type TraceChains = ChainId | 'all' | readonly ChainId[]

export type TraceStoreParameters = {
  readonly chain: TraceChains
  readonly seeds: readonly TraceSeed[]
  readonly policy: TracePolicy
  /** Designation categories where taint stops (default: exchange). */
  readonly stopCategories?: readonly Category[]
  readonly maxHops?: number
  readonly dust?: bigint
  /** Block heights of the seeds' chains (a chain reached only by a bridge link is read whole). */
  readonly fromBlock?: number
  readonly toBlock?: number
  /** How long after a bridge deposit its outbound payment is looked for (default 24 h). */
  readonly bridgeWindowSeconds?: number
}

/** What a re-run needs to reproduce a trace, and the SHA-256 that proves it did. */
export type TraceManifest = {
  readonly policy: TracePolicy
  readonly seeds: readonly TraceSeed[]
  readonly parameters: {
    readonly chain: TraceChains
    readonly stopCategories: readonly Category[]
    readonly maxHops: number | null
    readonly dust: string
    readonly fromBlock: number | null
    readonly toBlock: number | null
    readonly bridgeWindowSeconds: number
  }
  /** First and last block of the events the trace read, per chain read (ethereum first). */
  readonly blocks: readonly {
    readonly chain: ChainId
    readonly first: number | null
    readonly last: number | null
  }[]
  readonly events: number
  /**
   * UTXO chains: transactions left out because an input's value is unknown to the store (the
   * engine needs every input's value); null when no UTXO chain was read.
   */
  readonly skipped: number | null
  /**
   * UTXO chains: left-out transactions that spend an output the result marks as tainted (or a
   * seed). Their taint is lost: the trace undercounts downstream of them. null when no UTXO chain
   * was read.
   */
  readonly lostSpends: number | null
  /** Swaps whose legs are not among their transaction's transfers (ignored). */
  readonly unmatchedSwaps: number
  /** Bridge deposits whose value leg is not among their transaction's transfers (ignored). */
  readonly unmatchedBridgeDeposits: number
  /** Cross-chain links (tainted bridge deposits) in the result. */
  readonly links: number
  /** SHA-256 of the canonical JSON (sorted keys, bigints as strings) of `{ manifest without sha256, result }`. */
  readonly sha256: string
}

export type StoreTrace = { readonly manifest: TraceManifest; readonly result: TraceResult }

type TraceStoreDeps = {
  readonly store: Pick<
    Store,
    | 'transfersInOrder'
    | 'utxoTransactionsInOrder'
    | 'swapsInOrder'
    | 'bridgeDepositsInOrder'
    | 'paymentsTo'
    | 'activeDesignations'
  >
}

/** Chains in the order a trace over them runs: value bridged from ethereum lands on bitcoin. */
const chainOrder: readonly ChainId[] = ['ethereum', 'bitcoin']

/**
 * Traces forward over the store in chain order, stopping at addresses the loaded lists designate
 * with a stop category. Account chains (ethereum) walk transfers with their swaps and bridge
 * deposits; bitcoin walks whole transactions. Over several chains, ethereum runs first; its
 * tainted bridge deposits are matched to bitcoin payments, which seed the bitcoin pass. A chain
 * with neither seeds nor matched links is not read (nothing there can be tainted).
 */
export async function traceStore(
  deps: TraceStoreDeps,
  parameters: TraceStoreParameters,
): Promise<StoreTrace> {
  const { seeds, policy, maxHops, dust = 0n, fromBlock, toBlock } = parameters
  const selected = selectChains(parameters.chain)
  const stopCategories = parameters.stopCategories ?? ['exchange']
  const windowSeconds = parameters.bridgeWindowSeconds ?? DEFAULT_BRIDGE_WINDOW_SECONDS
  for (const seed of seeds) {
    if (!selected.has(seed.chain)) {
      throw new ChainwatchError(
        'input.invalid',
        `A seed is on ${seed.chain}, which this trace does not read.`,
        { meta: { seed: canonicalJson(seed), chain: canonicalJson(parameters.chain) } },
      )
    }
  }
  const stops = stopDesignations(await deps.store.activeDesignations(), stopCategories)
  const single = typeof parameters.chain === 'string' && parameters.chain !== 'all'
  const results: TraceResult[] = []
  const blocks: TraceManifest['blocks'][number][] = []
  let events = 0
  let links: CrossChainLink[] = []
  let linkSeeds: TraceSeed[] = []
  let skipped: number | null = null
  let lost: number | null = null
  for (const chain of chainOrder) {
    if (!selected.has(chain)) continue
    const chainSeeds = [
      ...seeds.filter((s) => s.chain === chain),
      ...(chain === 'bitcoin' ? linkSeeds : []),
    ]
    if (chainSeeds.length === 0 && !single) continue
    // The window is in the seeds' heights; a chain reached only through links is read whole.
    const own = seeds.some((s) => s.chain === chain) || single
    const window = own ? { fromBlock, toBlock } : {}
    const read = { chain, ...(window.toBlock === undefined ? {} : { toBlock: window.toBlock }) }
    let chainEvents: readonly ForwardEvent[]
    let skips: SkippedTx[] | null = null
    if (chains[chain].model === 'utxo') {
      const utxo = await readUtxoEvents(deps.store, read)
      chainEvents = utxo.events
      skips = utxo.skipped
    } else chainEvents = await readAccountEvents(deps.store, read)
    const result = traceForward({
      events: chainEvents,
      seeds: chainSeeds,
      policy,
      isStop: (_chain, address) => stops.has(address),
      ...(maxHops === undefined ? {} : { maxHops }),
      dust,
      window: {
        ...(window.fromBlock === undefined ? {} : { fromBlock: window.fromBlock }),
        ...(window.toBlock === undefined ? {} : { toBlock: window.toBlock }),
      },
    })
    results.push(result)
    blocks.push({
      chain,
      first: chainEvents[0]?.blockHeight ?? null,
      last: chainEvents.at(-1)?.blockHeight ?? null,
    })
    events += chainEvents.length
    if (skips !== null) {
      skipped = (skipped ?? 0) + skips.length
      const isTainted = taintedOutpoint(chainSeeds, result)
      lost = (lost ?? 0) + skips.filter((tx) => tx.spends.some(isTainted)).length
    }
    if (result.links.length > 0) {
      const matched = await matchBridgeLinks(deps.store, {
        links: result.links,
        policy,
        traced: selected,
        windowSeconds,
      })
      links = [...links, ...matched.links]
      linkSeeds = [...linkSeeds, ...matched.seeds]
    }
  }
  const merged = mergeTraceResults(policy, results, links)
  const result: TraceResult = { ...merged, endpoints: labelEndpoints(merged.endpoints, stops) }
  const unsigned = {
    policy,
    seeds,
    parameters: {
      chain: parameters.chain,
      stopCategories,
      maxHops: maxHops ?? null,
      dust: dust.toString(),
      fromBlock: fromBlock ?? null,
      toBlock: toBlock ?? null,
      bridgeWindowSeconds: windowSeconds,
    },
    blocks,
    events,
    skipped,
    lostSpends: lost,
    unmatchedSwaps: result.unmatchedSwaps,
    unmatchedBridgeDeposits: result.unmatchedBridgeDeposits,
    links: result.links.length,
  }
  const sha256 = createHash('sha256')
    .update(canonicalJson({ manifest: unsigned, result }))
    .digest('hex')
  return { manifest: { ...unsigned, sha256 }, result }
}

function selectChains(chain: TraceChains): ReadonlySet<ChainId> {
  if (chain === 'all') return new Set(chainOrder)
  const list = typeof chain === 'string' ? [chain] : chain
  if (list.length === 0) {
    throw new ChainwatchError('input.invalid', 'Name at least one chain to trace.', {
      meta: { chain: '[]' },
    })
  }
  return new Set(list)
}
