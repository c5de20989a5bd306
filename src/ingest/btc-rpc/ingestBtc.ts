import type { ChainBatch, ChainId } from '../../chain/index.js'
import { ChainwatchError, isChainwatchError } from '../../errors/index.js'
import { liveCheckpointSource, type Store, type WriteResult } from '../../store/index.js'
import { sleep as realSleep, type Sleep } from '../evm/limits.js'
import { addWriteResults, noWrites } from '../ImportSummary.js'
import { type BitcoinRpcClient, createBitcoinRpcClient } from './bitcoinRpcClient.js'
import { blocksToBatch } from './blockRecords.js'
import {
  fetchBlockCount,
  fetchBlockHashes,
  fetchBlockRange,
  type Verbosity,
} from './fetchBlocks.js'
import type { RpcBlock } from './rpcSchemas.js'

export type IngestBtcParameters = {
  readonly rpcUrl: string
  readonly cookieFile?: string
  /** First block when the chain has no live checkpoint yet (default 0). */
  readonly fromBlock?: number
  /** Last block (default: the node's tip less `confirmations`, re-read while following). */
  readonly toBlock?: number
  /** 3: spent outputs come with each input (Bitcoin Core ≥ 23); 2: resolved from the store. */
  readonly verbosity?: Verbosity
  /** Blocks per store transaction (default 20). */
  readonly batchSize?: number
  /** `getblock` calls in flight (default 4). */
  readonly concurrency?: number
  /** Keep polling the node for new blocks until `signal` aborts. */
  readonly follow?: boolean
  /** Blocks kept back from the node's tip (default 0). */
  readonly confirmations?: number
  /** Deepest reorganisation rolled back before giving up (default 100). */
  readonly maxReorgDepth?: number
  /** Poll interval while following (default 10 s). */
  readonly pollMs?: number
  readonly timeoutMs?: number
  readonly retries?: number
  readonly signal?: AbortSignal
  /** Test seams. */
  readonly rpc?: BitcoinRpcClient
  readonly sleep?: Sleep
  readonly onProgress?: (progress: IngestBtcProgress) => void
  readonly onNotice?: (message: string) => void
}

export type IngestBtcProgress = {
  /** Last block committed. */
  readonly block: number
  readonly nodeTip: number
  /** Blocks committed in this run. */
  readonly blocks: number
  readonly elapsedMs: number
}

/** What `ingestBtc` did; `--json` prints it. */
export type IngestBtcSummary = {
  readonly chain: ChainId
  readonly endpoint: string
  readonly verbosity: Verbosity
  /** First and last block committed by this run; null when nothing was new. */
  readonly firstBlock: number | null
  readonly lastBlock: number | null
  readonly nodeTip: number
  readonly blocks: number
  readonly transactions: number
  readonly inputs: number
  readonly outputs: number
  /** Inputs whose spent output the store filled in after the batches (verbosity 2). */
  readonly resolvedInputs: number
  /** Reorganisations rolled back: the first height deleted and the blocks removed. */
  readonly reorgs: readonly { readonly fromHeight: number; readonly blocks: number }[]
  readonly inserted: WriteResult
  readonly requests: number
  readonly retries: number
  readonly durationMs: number
}

type IngestStore = Pick<
  Store,
  'writeBatch' | 'checkpoint' | 'resolvePending' | 'rollbackFrom' | 'blockHash'
>

/**
 * Ingests Bitcoin blocks from a Bitcoin Core JSON-RPC node into the store. Each range of
 * `batchSize` blocks is one `writeBatch` carrying the chain's live checkpoint (the next height)
 * and status row, so a restart resumes after the last committed block, never inside one. Every
 * block must name the stored block before it as parent; when it does not, the node has switched
 * branches: the stored blocks back to the fork point are rolled back and the new branch ingested.
 *
 * @example
 * await ingestBtc({ store }, { rpcUrl: 'http://user:pass@127.0.0.1:8332', verbosity: 3 })
 */
export async function ingestBtc(
  deps: { readonly store: IngestStore },
  parameters: IngestBtcParameters,
): Promise<IngestBtcSummary> {
  const started = performance.now()
  const chain: ChainId = 'bitcoin'
  const { store } = deps
  const verbosity = parameters.verbosity ?? 3
  if (verbosity !== 2 && verbosity !== 3) {
    throw new ChainwatchError('input.invalid', `--verbosity ${verbosity} is not 2 or 3.`, {
      meta: { verbosity },
    })
  }
  const batchSize = whole(parameters.batchSize ?? 20, 'batch size', 1)
  const concurrency = whole(parameters.concurrency ?? 4, 'concurrency', 1)
  const confirmations = whole(parameters.confirmations ?? 0, 'confirmations', 0)
  const maxReorgDepth = whole(parameters.maxReorgDepth ?? 100, 'reorg depth', 1)
  const pollMs = parameters.pollMs ?? 10_000
  const stopped = () => parameters.signal?.aborted === true
  const sleep = parameters.sleep ?? realSleep
  const notice = parameters.onNotice ?? (() => undefined)
  const rpc =
    parameters.rpc ??
    (await createBitcoinRpcClient({
      url: parameters.rpcUrl,
      ...(parameters.cookieFile === undefined ? {} : { cookieFile: parameters.cookieFile }),
      ...(parameters.timeoutMs === undefined ? {} : { timeoutMs: parameters.timeoutMs }),
      ...(parameters.retries === undefined ? {} : { retries: parameters.retries }),
    }))
  const source = liveCheckpointSource(chain)
  const checkpoint = await store.checkpoint(source)
  const fromBlock =
    parameters.fromBlock === undefined ? 0 : whole(parameters.fromBlock, 'from block', 0)
  let next = Math.max(checkpoint, fromBlock)
  if (checkpoint > fromBlock) notice(`resuming at block ${checkpoint} (checkpoint ${source})`)
  const toBlock = parameters.toBlock
  if (toBlock !== undefined && toBlock < fromBlock) {
    throw new ChainwatchError('input.invalid', `--to ${toBlock} is before --from ${fromBlock}.`, {
      meta: { fromBlock, toBlock },
    })
  }

  const totals = { blocks: 0, transactions: 0, inputs: 0, outputs: 0, resolvedInputs: 0 }
  const reorgs: { fromHeight: number; blocks: number }[] = []
  let inserted = noWrites
  let firstBlock: number | null = null
  let lastBlock: number | null = null
  let nodeTip = await fetchBlockCount(rpc)
  if (toBlock !== undefined && toBlock > nodeTip && !parameters.follow) {
    throw new ChainwatchError(
      'input.invalid',
      `--to ${toBlock} is past the node's tip ${nodeTip}.`,
      {
        meta: { endpoint: rpc.endpoint, toBlock, nodeTip },
      },
    )
  }

  let ahead: { start: number; end: number; blocks: Promise<RpcBlock[]> } | null = null
  for (;;) {
    const target = Math.min(toBlock ?? Number.POSITIVE_INFINITY, nodeTip - confirmations)
    while (next <= target && !stopped()) {
      const end = Math.min(target, next + batchSize - 1)
      const blocks = await (ahead?.start === next && ahead.end === end
        ? ahead.blocks
        : fetchLinkedRange(rpc, next, end, { verbosity, concurrency }))
      ahead = null
      const [first] = blocks
      const storedParent = next === 0 ? null : await store.blockHash(chain, next - 1)
      if (
        first !== undefined &&
        storedParent !== null &&
        first.previousblockhash !== storedParent
      ) {
        const fork = await findFork(rpc, store, chain, next - 1, maxReorgDepth)
        const rolled = await store.rollbackFrom(chain, fork + 1)
        reorgs.push({ fromHeight: fork + 1, blocks: rolled.blocks })
        notice(
          `reorganisation: block ${next} does not follow the stored block ${next - 1}; rolled back ${rolled.blocks} block(s) from ${fork + 1}`,
        )
        next = fork + 1
        continue
      }
      // Fetch the next range while this one is mapped and written; a reorg discards it.
      if (end < target) {
        const start = end + 1
        const last = Math.min(target, start + batchSize - 1)
        const fetching = fetchLinkedRange(rpc, start, last, { verbosity, concurrency })
        fetching.catch(() => undefined)
        ahead = { start, end: last, blocks: fetching }
      }
      const batch = toBatch(blocks, chain)
      const last = blocks[blocks.length - 1] as RpcBlock
      const written = await store.writeBatch(batch, {
        source,
        position: end + 1,
        status: {
          chain,
          source: `rpc:${rpc.endpoint}`,
          nodeTip,
          storeTip: last.height,
          storeTipHash: last.hash,
          storeTipTime: last.time,
          blocksPerSecond:
            (totals.blocks + blocks.length) / Math.max(0.001, (performance.now() - started) / 1000),
        },
      })
      inserted = addWriteResults(inserted, written)
      if (batch.inputs.some((input) => input.value === null && input.spentTxHash !== null)) {
        totals.resolvedInputs += (await store.resolvePending()).inputs
      }
      totals.blocks += blocks.length
      totals.transactions += batch.transactions.length
      totals.inputs += batch.inputs.length
      totals.outputs += batch.outputs.length
      firstBlock ??= next
      lastBlock = end
      next = end + 1
      parameters.onProgress?.({
        block: end,
        nodeTip,
        blocks: totals.blocks,
        elapsedMs: performance.now() - started,
      })
    }
    const done = toBlock !== undefined && next > toBlock
    if (!parameters.follow || done || stopped()) break
    await sleep(pollMs)
    if (stopped()) break
    nodeTip = await fetchBlockCount(rpc)
  }

  const { requests, retries } = rpc.stats()
  return {
    chain,
    endpoint: rpc.endpoint,
    verbosity,
    firstBlock,
    lastBlock,
    nodeTip,
    ...totals,
    reorgs,
    inserted,
    requests,
    retries,
    durationMs: performance.now() - started,
  }
}

/** A range whose blocks link up; fetched again (up to 3 times) when the node reorganised mid-way. */
async function fetchLinkedRange(
  rpc: BitcoinRpcClient,
  start: number,
  end: number,
  options: { readonly verbosity: Verbosity; readonly concurrency: number },
): Promise<RpcBlock[]> {
  for (let attempt = 1; ; attempt++) {
    const { blocks, linked } = await fetchBlockRange(rpc, start, end, options)
    if (linked) return blocks
    if (attempt >= 3) {
      throw new ChainwatchError(
        'rpc.malformed',
        `Blocks ${start}–${end} do not link up (a block does not name the one before it as parent), after ${attempt} attempts.`,
        { meta: { endpoint: rpc.endpoint, method: 'getblock', heights: `${start}–${end}` } },
      )
    }
  }
}

/**
 * The highest height where the stored block is the node's block: walking down from `from`, one
 * `getblockhash` per height, at most `maxDepth` deep.
 */
async function findFork(
  rpc: BitcoinRpcClient,
  store: IngestStore,
  chain: ChainId,
  from: number,
  maxDepth: number,
): Promise<number> {
  for (let h = from; h >= 0 && from - h < maxDepth; h--) {
    const stored = await store.blockHash(chain, h)
    if (stored === null) return h
    const [onNode] = await fetchBlockHashes(rpc, [h])
    if (onNode === stored) return h
  }
  throw new ChainwatchError(
    'rpc.malformed',
    `The node's chain differs from the stored one for more than ${maxDepth} blocks below block ${from + 1}; refusing to roll back that far.`,
    { meta: { endpoint: rpc.endpoint, height: from + 1, maxReorgDepth: maxDepth } },
  )
}

/** The mapper's row errors (an address it cannot read, an unknown script type) name the node's block. */
function toBatch(blocks: readonly RpcBlock[], chain: ChainId): ChainBatch {
  try {
    return blocksToBatch(blocks, chain)
  } catch (error) {
    if (!isChainwatchError(error, 'import.row_invalid')) throw error
    const heights = `${blocks[0]?.height}–${blocks[blocks.length - 1]?.height}`
    throw new ChainwatchError(
      'rpc.malformed',
      `getblock for blocks ${heights} returned a transaction that cannot be mapped: ${error.message}`,
      { meta: { method: 'getblock', heights }, cause: error },
    )
  }
}

function whole(value: number, what: string, min: number): number {
  if (!(Number.isSafeInteger(value) && value >= min)) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not an integer ≥ ${min}.`, {
      meta: { [what]: value },
    })
  }
  return value
}
