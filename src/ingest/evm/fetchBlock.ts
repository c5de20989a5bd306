import { z } from 'zod'
import { ChainwatchError, isChainwatchError } from '../../errors/index.js'
import type { FetchedBlock } from './blockRecords.js'
import {
  type BlockInternalMoves,
  gethInternalMoves,
  parityInternalMoves,
} from './internalTransfers.js'
import type { RpcClient } from './rpcClient.js'
import { gethBlockTraces, parityBlockTraces, rpcBlock, rpcReceipt } from './rpcSchemas.js'

export type ReceiptsMethod = 'eth_getBlockReceipts' | 'eth_getTransactionReceipt'
export type TracesMethod = 'debug_traceBlockByNumber' | 'trace_block'

/** Which methods the node answers, found once before the first block is fetched. */
export type NodeMethods = {
  readonly receipts: ReceiptsMethod
  /** null: neither trace method; internal transfers are then missing. */
  readonly traces: TracesMethod | null
}

/** `auto` asks the node; `geth`, `parity` and `none` force a choice. */
export type TracesChoice = 'auto' | 'geth' | 'parity' | 'none'

const CALL_TRACER = { tracer: 'callTracer' }

/**
 * Probes the node on `block`: `eth_getBlockReceipts` (one call per block) else per-transaction
 * receipts; geth's `debug_traceBlockByNumber` with the callTracer, else Parity's `trace_block`.
 * A JSON-RPC error answer means "not offered"; a node that cannot be reached fails as usual.
 */
export async function detectNodeMethods(
  rpc: RpcClient,
  block: number,
  traces: TracesChoice,
): Promise<NodeMethods> {
  const tag = toHex(block)
  const receipts = (await offers(rpc, {
    method: 'eth_getBlockReceipts',
    params: [tag],
    block,
  }))
    ? 'eth_getBlockReceipts'
    : 'eth_getTransactionReceipt'
  if (traces === 'none') return { receipts, traces: null }
  if (traces === 'geth') return { receipts, traces: 'debug_traceBlockByNumber' }
  if (traces === 'parity') return { receipts, traces: 'trace_block' }
  if (
    await offers(rpc, { method: 'debug_traceBlockByNumber', params: [tag, CALL_TRACER], block })
  ) {
    return { receipts, traces: 'debug_traceBlockByNumber' }
  }
  if (await offers(rpc, { method: 'trace_block', params: [tag], block })) {
    return { receipts, traces: 'trace_block' }
  }
  return { receipts, traces: null }
}

async function offers(
  rpc: RpcClient,
  call: { method: string; params: unknown[]; block: number },
): Promise<boolean> {
  try {
    await rpc.request(call, z.unknown())
    return true
  } catch (error) {
    if (isChainwatchError(error, 'rpc.failed') && typeof error.meta.code === 'number') return false
    throw error
  }
}

/** Fetches one block with its receipts and (when the node traces) its internal value moves. */
export async function fetchBlock(
  rpc: RpcClient,
  number: number,
  methods: NodeMethods,
): Promise<FetchedBlock> {
  const tag = toHex(number)
  const blockCall = rpc.request(
    { method: 'eth_getBlockByNumber', params: [tag, true], block: number },
    rpcBlock.nullable(),
  )
  const blockReceipts =
    methods.receipts === 'eth_getBlockReceipts'
      ? rpc.request(
          { method: 'eth_getBlockReceipts', params: [tag], block: number },
          z.array(rpcReceipt).nullable(),
        )
      : null
  const traceCall =
    methods.traces === 'debug_traceBlockByNumber'
      ? rpc
          .request(
            { method: methods.traces, params: [tag, CALL_TRACER], block: number },
            gethBlockTraces,
          )
          .then((traces) => ({ kind: 'geth' as const, traces }))
      : methods.traces === 'trace_block'
        ? rpc
            .request({ method: methods.traces, params: [tag], block: number }, parityBlockTraces)
            .then((traces) => ({ kind: 'parity' as const, traces }))
        : null
  // Settle every call before throwing, so no rejection is left unhandled.
  const [blockResult, receiptsResult, tracesResult] = await Promise.allSettled([
    blockCall,
    blockReceipts,
    traceCall,
  ])
  const block = settled(blockResult)
  if (block === null) {
    throw new ChainwatchError('rpc.malformed', `eth_getBlockByNumber found no block ${number}.`, {
      meta: { endpoint: rpc.endpoint, block: number },
      details: 'the node may not have synced this far, or the block was pruned',
    })
  }
  if (block.number !== number) {
    throw new ChainwatchError(
      'rpc.malformed',
      `eth_getBlockByNumber for block ${number} returned block ${block.number}.`,
      { meta: { endpoint: rpc.endpoint, block: number } },
    )
  }
  let receipts = settled(receiptsResult)
  if (methods.receipts === 'eth_getTransactionReceipt') {
    receipts = await Promise.all(
      block.transactions.map(async (tx) => {
        const receipt = await rpc.request(
          { method: 'eth_getTransactionReceipt', params: [tx.hash], block: number },
          rpcReceipt.nullable(),
        )
        if (receipt === null) {
          throw new ChainwatchError(
            'rpc.malformed',
            `eth_getTransactionReceipt for block ${number} found no receipt for ${tx.hash}.`,
            { meta: { endpoint: rpc.endpoint, block: number, txHash: tx.hash } },
          )
        }
        return receipt
      }),
    )
  }
  if (receipts === null) {
    throw new ChainwatchError('rpc.malformed', `eth_getBlockReceipts found no block ${number}.`, {
      meta: { endpoint: rpc.endpoint, block: number },
    })
  }
  const traces = settled(tracesResult)
  let internal: BlockInternalMoves | null = null
  if (traces?.kind === 'geth') {
    const hashes = block.transactions.map((tx) => tx.hash)
    internal = gethInternalMoves(traces.traces, hashes, number)
  } else if (traces?.kind === 'parity') internal = parityInternalMoves(traces.traces)
  return { block, receipts, internal }
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason
  return result.value
}

export function toHex(block: number): `0x${string}` {
  return `0x${block.toString(16)}`
}
