import { z } from 'zod'
import {
  type BlockRecord,
  type BridgeDepositRecord,
  type ChainBatch,
  chains,
  parseChainId,
  type SwapRecord,
  type TransactionRecord,
  type TransferRecord,
} from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import type { Store, WriteResult } from '../../store/index.js'
import { addWriteResults, noWrites } from '../ImportSummary.js'
import { type EvmBlockRecords, evmBlockRecords } from './blockRecords.js'
import { detectNodeMethods, fetchBlock, type NodeMethods, type TracesChoice } from './fetchBlock.js'
import { mapWithConcurrency } from './limits.js'
import { createRpcClient, type RpcClient } from './rpcClient.js'
import { smallQuantity } from './rpcSchemas.js'

export type IngestEvmParameters = {
  readonly rpcUrl: string
  /** An account-model chain (default ethereum). */
  readonly chain?: string
  /** First block (default 0). */
  readonly fromBlock?: number
  /** Last block (default: the node's latest block when the run starts). */
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
  /** Test seam: a client instead of one built from `rpcUrl`. */
  readonly rpc?: RpcClient
  /** Where the run stands after each committed batch. */
  readonly onProgress?: (progress: IngestEvmProgress) => void
  /** What the user should know: the methods chosen, missing traces. */
  readonly onNotice?: (message: string) => void
}

export type IngestEvmProgress = {
  readonly fromBlock: number
  readonly toBlock: number
  /** Last block committed. */
  readonly block: number
  /** Blocks committed in this run. */
  readonly blocks: number
  readonly elapsedMs: number
}

/** What `ingestEvm` did; `--json` prints it. */
export type IngestEvmSummary = {
  readonly chain: string
  readonly endpoint: string
  readonly chainId: number
  /** Checkpoint key: the chain and the run's first block. */
  readonly source: string
  readonly fromBlock: number
  readonly toBlock: number
  /** The first block fetched by this run (after a resume, past `fromBlock`); null when done. */
  readonly startedAt: number | null
  readonly blocks: number
  readonly transactions: number
  readonly transfers: { readonly native: number; readonly internal: number; readonly token: number }
  readonly swaps: number
  readonly unresolvedSwaps: number
  readonly bridgeDeposits: number
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

/**
 * Ingests an EVM chain's blocks from a JSON-RPC node into the store: per block its transactions
 * (status, fee), native, internal and ERC-20 transfers, DEX swaps and bridge deposits. Each range
 * of `batchSize` blocks is one `writeBatch` with the checkpoint `rpc:<chain>@<fromBlock>` (the
 * number of blocks committed), so a restart of the same command resumes after the last committed
 * block; writes are idempotent besides. Blocks keep their hash and parent hash, and consecutive
 * blocks must link up (a reorganisation during the run stops it with `rpc.malformed`).
 *
 * @example
 * await ingestEvm({ store }, { rpcUrl: 'http://127.0.0.1:8545', fromBlock: 0, toBlock: 100 })
 */
export async function ingestEvm(
  deps: { readonly store: Pick<Store, 'writeBatch' | 'checkpoint'> },
  parameters: IngestEvmParameters,
): Promise<IngestEvmSummary> {
  const started = performance.now()
  const chain = parseChainId(parameters.chain ?? 'ethereum')
  if (chains[chain].model !== 'account') {
    throw new ChainwatchError('input.invalid', `ingest evm reads EVM chains, not ${chain}.`, {
      meta: { chain },
    })
  }
  const batchSize = positive(parameters.batchSize ?? 100, 'batch size')
  const concurrency = positive(parameters.concurrency ?? 8, 'concurrency')
  const fromBlock = block(parameters.fromBlock ?? 0, 'from block')
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
  const latest = await rpc.request({ method: 'eth_blockNumber', params: [] }, smallQuantity)
  const toBlock = block(parameters.toBlock ?? latest, 'to block')
  if (toBlock < fromBlock) {
    const message =
      parameters.toBlock === undefined
        ? `--from ${fromBlock} is past the node's latest block ${latest}.`
        : `--to ${toBlock} is before --from ${fromBlock}.`
    throw new ChainwatchError('input.invalid', message, {
      meta: { endpoint: rpc.endpoint, fromBlock, toBlock },
    })
  }
  if (toBlock > latest) {
    throw new ChainwatchError(
      'input.invalid',
      `--to ${toBlock} is past the node's latest block ${latest}.`,
      { meta: { endpoint: rpc.endpoint, toBlock, latest } },
    )
  }
  const source = `rpc:${chain}@${fromBlock}`
  const committed = await deps.store.checkpoint(source)
  const first = fromBlock + committed
  const bridgeRouters =
    parameters.bridgeRouters === undefined
      ? undefined
      : new Set(parameters.bridgeRouters.map((router) => router.toLowerCase()))

  const totals = {
    blocks: 0,
    transactions: 0,
    native: 0,
    internal: 0,
    token: 0,
    swaps: 0,
    unresolvedSwaps: 0,
    bridgeDeposits: 0,
    unreadableTraces: 0,
  }
  let inserted = noWrites
  let methods: NodeMethods | null = null
  if (first <= toBlock) {
    if (committed > 0) notice(`resuming at block ${first} (checkpoint ${source})`)
    const detected = await detectNodeMethods(rpc, first, parameters.traces ?? 'auto')
    methods = detected
    notice(describeMethods(detected))
    const options = { chain, ...(bridgeRouters === undefined ? {} : { bridgeRouters }) }
    const fetchRange = (start: number, end: number) =>
      mapWithConcurrency(range(start, end), concurrency, async (n) => {
        const fetched = await fetchBlock(rpc, n, detected)
        return evmBlockRecords(fetched, options)
      })
    // The parent hash the next block must name: unknown before the first block of the run.
    let previousHash: string | null = null
    let next: Promise<EvmBlockRecords[]> | null = fetchRange(
      first,
      Math.min(toBlock, first + batchSize - 1),
    )
    for (let start = first; next !== null; start += batchSize) {
      const end = Math.min(toBlock, start + batchSize - 1)
      const records = await next
      // Fetch the next range while this one is written.
      const nextStart = end + 1
      next =
        nextStart <= toBlock
          ? fetchRange(nextStart, Math.min(toBlock, nextStart + batchSize - 1))
          : null
      next?.catch(() => undefined)
      previousHash = checkLinks(records, previousHash)
      const batch = toBatch(records)
      const written = await deps.store.writeBatch(batch, {
        source,
        position: end + 1 - fromBlock,
      })
      inserted = addWriteResults(inserted, written)
      for (const r of records) {
        totals.blocks++
        totals.transactions += r.transactions.length
        totals.native += r.counts.native
        totals.internal += r.counts.internal
        totals.token += r.counts.token
        totals.swaps += r.swaps.length
        totals.unresolvedSwaps += r.counts.unresolvedSwaps
        totals.bridgeDeposits += r.bridgeDeposits.length
        totals.unreadableTraces += r.counts.unreadableTraces
      }
      parameters.onProgress?.({
        fromBlock,
        toBlock,
        block: end,
        blocks: totals.blocks,
        elapsedMs: performance.now() - started,
      })
    }
  }
  const { requests, retries } = rpc.stats()
  return {
    chain,
    endpoint: rpc.endpoint,
    chainId,
    source,
    fromBlock,
    toBlock,
    startedAt: first <= toBlock ? first : null,
    blocks: totals.blocks,
    transactions: totals.transactions,
    transfers: { native: totals.native, internal: totals.internal, token: totals.token },
    swaps: totals.swaps,
    unresolvedSwaps: totals.unresolvedSwaps,
    bridgeDeposits: totals.bridgeDeposits,
    receiptsMethod: methods?.receipts ?? null,
    tracesMethod: methods?.traces ?? null,
    unreadableTraces: totals.unreadableTraces,
    inserted,
    requests,
    retries,
    durationMs: performance.now() - started,
  }
}

function describeMethods(methods: NodeMethods): string {
  const receipts =
    methods.receipts === 'eth_getBlockReceipts'
      ? 'receipts: eth_getBlockReceipts'
      : 'receipts: eth_getTransactionReceipt per transaction (the node has no eth_getBlockReceipts)'
  const traces =
    methods.traces === 'debug_traceBlockByNumber'
      ? 'internal transfers: debug_traceBlockByNumber (callTracer)'
      : methods.traces === 'trace_block'
        ? 'internal transfers: trace_block'
        : 'warning: no trace method (debug_traceBlockByNumber or trace_block) is used: internal transfers (value moved by contracts) are missing'
  return `${receipts}; ${traces}`
}

/**
 * Each block must name the one before it as parent; a break means the node switched forks
 * between our calls. Returns the last block's hash. (Reorganisation handling will hook in here.)
 */
function checkLinks(
  records: readonly EvmBlockRecords[],
  previousHash: string | null,
): string | null {
  let expected = previousHash
  for (const { block } of records) {
    if (expected !== null && block.parentHash !== expected) {
      throw new ChainwatchError(
        'rpc.malformed',
        `Block ${block.height} does not follow the block before it: the chain reorganised during the run.`,
        { meta: { block: block.height, parentHash: block.parentHash, expected } },
      )
    }
    expected = block.hash
  }
  return expected
}

function toBatch(records: readonly EvmBlockRecords[]): ChainBatch {
  const blocks: BlockRecord[] = []
  const transactions: TransactionRecord[] = []
  const transfers: TransferRecord[] = []
  const swaps: SwapRecord[] = []
  const bridgeDeposits: BridgeDepositRecord[] = []
  for (const r of records) {
    blocks.push(r.block)
    transactions.push(...r.transactions)
    transfers.push(...r.transfers)
    swaps.push(...r.swaps)
    bridgeDeposits.push(...r.bridgeDeposits)
  }
  return { blocks, transactions, outputs: [], inputs: [], transfers, swaps, bridgeDeposits }
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

const count = z.number().int().positive()

function positive(value: number, what: string): number {
  if (!count.safeParse(value).success) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not a positive integer.`, {
      meta: { [what]: value },
    })
  }
  return value
}

function rate(value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ChainwatchError('input.invalid', `The rate ${value} is not a positive number.`, {
      meta: { rate: value },
    })
  }
  return value
}

function block(value: number, what: string): number {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new ChainwatchError('input.invalid', `The ${what} ${value} is not a block number.`, {
      meta: { [what]: value },
    })
  }
  return value
}
