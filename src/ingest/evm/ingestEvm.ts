import { chains, parseChainId } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { liveCheckpointSource, type Store, type WriteResult } from '../../store/index.js'
import { addWriteResults, noWrites } from '../ImportSummary.js'
import { type EvmBlockRecords, evmBlockRecords } from './blockRecords.js'
import { addTotals, blockRange, firstBreak, noTotals, toBatch } from './evmBatch.js'
import { detectNodeMethods, fetchBlock, type NodeMethods, type TracesChoice } from './fetchBlock.js'
import { block, describeMethods, nonNegative, pause, positive, rate } from './ingestParameters.js'
import { mapWithConcurrency } from './limits.js'
import { fetchHeader, type ReorgEvent, unwindToForkPoint } from './reorg.js'
import { createRpcClient, type RpcClient } from './rpcClient.js'
import { smallQuantity } from './rpcSchemas.js'

export type IngestEvmParameters = {
  readonly rpcUrl: string
  /** An account-model chain (default ethereum). */
  readonly chain?: string
  /** First block (default 0); a store already past it resumes after its highest block. */
  readonly fromBlock?: number
  /** Last block (default: the node's latest block minus `confirmations` when the run starts). */
  readonly toBlock?: number
  /** Blocks per store transaction (default 100). */
  readonly batchSize?: number
  /** Blocks fetched at once (default 8). */
  readonly concurrency?: number
  /** JSON-RPC calls per second, at most. */
  readonly rate?: number
  readonly traces?: TracesChoice
  /** When given, only Deposit logs of these contracts are bridge deposits. */
  readonly bridgeRouters?: readonly string[]
  readonly timeoutMs?: number
  readonly retries?: number
  /** Keep polling for new blocks after catching up, until `signal` aborts. */
  readonly follow?: boolean
  /** Only blocks at least this deep below the node's tip are ingested (default 0). */
  readonly confirmations?: number
  /** Follow: wait between polls of the node's tip (default 2000). */
  readonly pollMs?: number
  /** Deepest reorganisation rolled back; deeper is an error (default 128). */
  readonly maxReorgDepth?: number
  /** Stops the run after the batch being written commits. */
  readonly signal?: AbortSignal
  /** Test seam: a client instead of one built from `rpcUrl`. */
  readonly rpc?: RpcClient
  /** Where the run stands after each committed batch. */
  readonly onProgress?: (progress: IngestEvmProgress) => void
  /** What the user should know: the methods chosen, missing traces, rollbacks. */
  readonly onNotice?: (message: string) => void
}

export type IngestEvmProgress = {
  readonly fromBlock: number
  readonly toBlock: number
  /** Last block committed. */
  readonly block: number
  /** Blocks committed in this run. */
  readonly blocks: number
  /** The node's latest block at the last poll; lag = nodeTip − block. */
  readonly nodeTip: number
  readonly elapsedMs: number
}

/** What `ingestEvm` did; `--json` prints it. */
export type IngestEvmSummary = {
  readonly chain: string
  readonly endpoint: string
  readonly chainId: number
  /** The chain's live checkpoint key (`rpc:<chain>`): its position is the next block to ingest. */
  readonly source: string
  readonly fromBlock: number
  /** The last block the run aimed at (follow: at its last poll). */
  readonly toBlock: number
  /** The first block fetched by this run (after a resume, past `fromBlock`); null when none. */
  readonly startedAt: number | null
  /** Highest block stored when the run ended, or null. */
  readonly storeTip: number | null
  readonly nodeTip: number
  readonly blocks: number
  readonly transactions: number
  readonly transfers: { readonly native: number; readonly internal: number; readonly token: number }
  readonly swaps: number
  readonly unresolvedSwaps: number
  readonly bridgeDeposits: number
  /** Reorganisations rolled back, in order, with the rows each deleted. */
  readonly reorgs: readonly ReorgEvent[]
  readonly receiptsMethod: NodeMethods['receipts'] | null
  /** null: the node offers no trace method (internal transfers missing) or none was wanted. */
  readonly tracesMethod: NodeMethods['traces']
  /** Trace frames that may have moved value the node did not show (old geth selfdestructs). */
  readonly unreadableTraces: number
  readonly inserted: WriteResult
  readonly requests: number
  readonly retries: number
  readonly durationMs: number
}

type IngestStore = Pick<Store, 'writeBatch' | 'tip' | 'blockHash' | 'rollbackFrom'>

/** A range fetched ahead while the one before it is written. */
type Prefetch = {
  readonly start: number
  readonly end: number
  readonly records: Promise<EvmBlockRecords[]>
}

/** In-range link breaks tolerated in a row (the node switching forks between our calls). */
const MAX_REFETCHES = 5

/**
 * Ingests an EVM chain's blocks from a JSON-RPC node into the store: per block its transactions
 * (status, fee), native, internal and ERC-20 transfers, DEX swaps and bridge deposits. The store's
 * blocks are the truth: a run resumes after the highest stored block of the chain (once its hash
 * is checked against the node). Each range of `batchSize` blocks is one `writeBatch` together with
 * the live checkpoint `rpc:<chain>` and the chain's status row, so a killed run never leaves half
 * a block. Before a block is written its parent must be the stored block below it; when it is not,
 * the chain reorganised: the store is rolled back to the fork point and the new branch ingested.
 * `follow` keeps polling the node for blocks `confirmations` deep.
 *
 * @example
 * await ingestEvm({ store }, { rpcUrl: 'http://127.0.0.1:8545', follow: true, confirmations: 12 })
 */
export async function ingestEvm(
  deps: { readonly store: IngestStore },
  parameters: IngestEvmParameters,
): Promise<IngestEvmSummary> {
  const started = performance.now()
  const { store } = deps
  const chain = parseChainId(parameters.chain ?? 'ethereum')
  if (chains[chain].model !== 'account') {
    throw new ChainwatchError('input.invalid', `ingest evm reads EVM chains, not ${chain}.`, {
      meta: { chain },
    })
  }
  const batchSize = positive(parameters.batchSize ?? 100, 'batch size')
  const concurrency = positive(parameters.concurrency ?? 8, 'concurrency')
  const confirmations = nonNegative(parameters.confirmations ?? 0, 'confirmations')
  const pollMs = nonNegative(parameters.pollMs ?? 2000, 'poll interval')
  const maxReorgDepth = positive(parameters.maxReorgDepth ?? 128, 'maximum reorganisation depth')
  const fromBlock = block(parameters.fromBlock ?? 0, 'from block')
  const follow = parameters.follow ?? false
  const signal = parameters.signal
  const rpc =
    parameters.rpc ??
    createRpcClient({
      url: parameters.rpcUrl,
      ...(parameters.rate === undefined ? {} : { rate: rate(parameters.rate) }),
      ...(parameters.timeoutMs === undefined ? {} : { timeoutMs: parameters.timeoutMs }),
      ...(parameters.retries === undefined ? {} : { retries: parameters.retries }),
    })
  const notice = parameters.onNotice ?? (() => undefined)
  const chainId = await rpc.request({ method: 'eth_chainId', params: [] }, smallQuantity)
  const latestBlock = () => rpc.request({ method: 'eth_blockNumber', params: [] }, smallQuantity)
  let nodeTip = await latestBlock()
  const explicitTo =
    parameters.toBlock === undefined ? undefined : block(parameters.toBlock, 'to block')
  const targetOf = (tip: number) => explicitTo ?? tip - confirmations
  if (explicitTo !== undefined && explicitTo < fromBlock) {
    throw new ChainwatchError(
      'input.invalid',
      `--to ${explicitTo} is before --from ${fromBlock}.`,
      {
        meta: { endpoint: rpc.endpoint, fromBlock, toBlock: explicitTo },
      },
    )
  }
  if (explicitTo !== undefined && explicitTo > nodeTip) {
    throw new ChainwatchError(
      'input.invalid',
      `--to ${explicitTo} is past the node's latest block ${nodeTip}.`,
      { meta: { endpoint: rpc.endpoint, toBlock: explicitTo, latest: nodeTip } },
    )
  }
  if (!follow && explicitTo === undefined && targetOf(nodeTip) < fromBlock) {
    throw new ChainwatchError(
      'input.invalid',
      `--from ${fromBlock} is past the node's latest block ${nodeTip}${confirmations > 0 ? ` less ${confirmations} confirmations` : ''}.`,
      { meta: { endpoint: rpc.endpoint, fromBlock, latest: nodeTip, confirmations } },
    )
  }
  const source = liveCheckpointSource(chain)
  const statusSource = `rpc:${rpc.endpoint}`
  const bridgeRouters =
    parameters.bridgeRouters === undefined
      ? undefined
      : new Set(parameters.bridgeRouters.map((router) => router.toLowerCase()))
  const options = { chain, ...(bridgeRouters === undefined ? {} : { bridgeRouters }) }
  const reorgs: ReorgEvent[] = []
  const totals = noTotals()
  let inserted = noWrites
  let methods: NodeMethods | null = null
  let startedAt: number | null = null

  const reportReorg = (event: ReorgEvent) => {
    // Depth 0: the node switched branches between two of our calls; nothing stored was undone.
    if (event.depth === 0 && event.rolledBack.blocks === 0) return
    reorgs.push(event)
    const r = event.rolledBack
    notice(
      `reorganisation: the node's chain left the store's after block ${event.forkPoint}; rolled back ${event.depth} block(s) from ${r.fromHeight}: ${r.blocks} blocks, ${r.transactions} transactions, ${r.transfers} transfers, ${r.swaps} swaps, ${r.bridgeDeposits} bridge deposits`,
    )
  }
  const unwind = async (height: number) => {
    reportReorg(
      await unwindToForkPoint(
        { store, rpc },
        { chain, height, floor: fromBlock, maxDepth: maxReorgDepth },
      ),
    )
  }

  // Resume after the highest stored block, once the node confirms it still has it.
  let next = fromBlock
  let previousHash: string | null = null
  let storeTip = await store.tip(chain)
  if (storeTip !== null && storeTip.height >= fromBlock - 1) {
    const behind = storeTip.height > nodeTip
    if (behind) {
      // A node still syncing, or one that just reorganised to a shorter branch: its next block
      // past the store's tip shows which (the parent check below).
      notice(`the node's tip ${nodeTip} is below the store's block ${storeTip.height}`)
    }
    const node = behind ? null : await fetchHeader(rpc, storeTip.height)
    if (behind || node?.hash === storeTip.hash) {
      next = storeTip.height + 1
      previousHash = storeTip.hash
      if (next > fromBlock)
        notice(`resuming at block ${next} (after the store's block ${storeTip.height})`)
    } else {
      await unwind(storeTip.height + 1)
      storeTip = await store.tip(chain)
      const linked = storeTip !== null && storeTip.height >= fromBlock - 1
      next = linked && storeTip !== null ? storeTip.height + 1 : fromBlock
      previousHash = linked ? (storeTip?.hash ?? null) : null
    }
  }

  let target = targetOf(nodeTip)
  let prefetch: Prefetch | null = null
  let refetches = 0
  const fetchRange = (start: number, end: number): Prefetch => {
    const detected = methods
    if (detected === null) throw new Error('node methods are detected before the first fetch')
    const records = mapWithConcurrency(blockRange(start, end), concurrency, async (n) =>
      evmBlockRecords(await fetchBlock(rpc, n, detected), options),
    )
    records.catch(() => undefined)
    return { start, end, records }
  }
  let lastStatusTip = -1
  for (;;) {
    while (next <= target && !signal?.aborted) {
      if (methods === null) {
        methods = await detectNodeMethods(rpc, next, parameters.traces ?? 'auto')
        notice(describeMethods(methods))
      }
      startedAt ??= next
      const end = Math.min(target, next + batchSize - 1)
      const current: Prefetch =
        prefetch !== null && prefetch.start === next && prefetch.end === end
          ? prefetch
          : fetchRange(next, end)
      prefetch = null
      const records = await current.records
      const broken = firstBreak(records, previousHash)
      if (broken !== null) {
        if (broken === next && previousHash !== null) {
          await unwind(next)
          const tip = await store.tip(chain)
          const linked = tip !== null && tip.height >= fromBlock - 1
          next = linked && tip !== null ? tip.height + 1 : fromBlock
          previousHash = linked ? (tip?.hash ?? null) : null
          continue
        }
        // The node switched forks between our calls inside this range: fetch it again.
        if (++refetches > MAX_REFETCHES) {
          throw new ChainwatchError(
            'rpc.malformed',
            `Block ${broken} does not follow the block before it, ${MAX_REFETCHES} times in a row: the node's answers do not form a chain.`,
            { meta: { endpoint: rpc.endpoint, block: broken } },
          )
        }
        continue
      }
      refetches = 0
      const nextStart = end + 1
      if (nextStart <= target) {
        prefetch = fetchRange(nextStart, Math.min(target, nextStart + batchSize - 1))
      }
      const last = records[records.length - 1]?.block
      if (last === undefined) throw new Error('a fetched range is never empty')
      const elapsed = (performance.now() - started) / 1000
      const written = await store.writeBatch(toBatch(records), {
        source,
        position: end + 1,
        status: {
          chain,
          source: statusSource,
          nodeTip,
          storeTip: last.height,
          storeTipHash: last.hash,
          storeTipTime: last.time,
          blocksPerSecond: (totals.blocks + records.length) / Math.max(elapsed, 0.001),
        },
      })
      lastStatusTip = nodeTip
      inserted = addWriteResults(inserted, written)
      addTotals(totals, records)
      previousHash = last.hash
      storeTip = { height: last.height, hash: last.hash, time: last.time }
      next = end + 1
      parameters.onProgress?.({
        fromBlock,
        toBlock: target,
        block: end,
        blocks: totals.blocks,
        nodeTip,
        elapsedMs: performance.now() - started,
      })
    }
    prefetch = null
    if (!follow || signal?.aborted) break
    await pause(pollMs, signal)
    if (signal?.aborted) break
    nodeTip = await latestBlock()
    target = targetOf(nodeTip)
    if (storeTip !== null && nodeTip !== lastStatusTip && next > target) {
      // Nothing new to store: still tell readers of the status how far behind the node we are.
      await store.writeBatch(toBatch([]), {
        source,
        position: next,
        status: {
          chain,
          source: statusSource,
          nodeTip,
          storeTip: storeTip.height,
          storeTipHash: storeTip.hash,
          storeTipTime: storeTip.time,
          blocksPerSecond: 0,
        },
      })
      lastStatusTip = nodeTip
    }
    // A reorganisation with no new block yet (same height, another hash) shows on the next block.
  }
  const { requests, retries } = rpc.stats()
  return {
    chain,
    endpoint: rpc.endpoint,
    chainId,
    source,
    fromBlock,
    toBlock: target,
    startedAt,
    storeTip: storeTip?.height ?? null,
    nodeTip,
    blocks: totals.blocks,
    transactions: totals.transactions,
    transfers: { native: totals.native, internal: totals.internal, token: totals.token },
    swaps: totals.swaps,
    unresolvedSwaps: totals.unresolvedSwaps,
    bridgeDeposits: totals.bridgeDeposits,
    reorgs,
    receiptsMethod: methods?.receipts ?? null,
    tracesMethod: methods?.traces ?? null,
    unreadableTraces: totals.unreadableTraces,
    inserted,
    requests,
    retries,
    durationMs: performance.now() - started,
  }
}
