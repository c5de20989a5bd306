import { ChainwatchError } from '../../errors/index.js'
import type { CallFrame, GethBlockTraces, ParityTrace } from './rpcSchemas.js'

/**
 * Native value moved by a contract inside a transaction: a call, a contract creation or a
 * selfdestruct below the top level (the top level is the transaction's own value).
 */
export type InternalValueMove = {
  readonly txHash: string
  /** Path of the call in the transaction's call tree, e.g. [0, 2, 1]. */
  readonly traceAddress: readonly number[]
  readonly from: string
  /** null only when a node leaves a created contract's address out. */
  readonly to: string | null
  readonly value: bigint
}

/** What a trace method saw in one block: the value moves, and frames it could not read. */
export type BlockInternalMoves = {
  readonly moves: readonly InternalValueMove[]
  /** SELFDESTRUCT frames without from/to/value (old geth): value may have moved unseen. */
  readonly unreadable: number
}

/**
 * Value moves from geth's `callTracer` (`debug_traceBlockByNumber`). Entries come in transaction
 * order; a frame that reverted (its own `error`, or an ancestor's) moved nothing. DELEGATECALL
 * and STATICCALL carry no value of their own; CALLCODE runs in the caller's account, so its value
 * goes from the caller to itself.
 */
export function gethInternalMoves(
  traces: GethBlockTraces,
  txHashes: readonly string[],
  block: number,
): BlockInternalMoves {
  if (traces.length !== txHashes.length) {
    throw inconsistent(
      block,
      `debug_traceBlockByNumber gave ${traces.length} traces for ${txHashes.length} transactions`,
    )
  }
  const moves: InternalValueMove[] = []
  let unreadable = 0
  traces.forEach((entry, index) => {
    const txHash = txHashes[index] ?? ''
    if (entry.txHash !== undefined && entry.txHash !== txHash) {
      throw inconsistent(
        block,
        `trace ${index} is for ${entry.txHash}, the block's transaction ${index} is ${txHash}`,
      )
    }
    if (entry.result === undefined) {
      throw new ChainwatchError(
        'rpc.failed',
        `debug_traceBlockByNumber for block ${block} could not trace transaction ${txHash}.`,
        { meta: { block, txHash }, details: entry.error ?? 'no result' },
      )
    }
    const visit = (frame: CallFrame, path: number[], reverted: boolean) => {
      const failed = reverted || frame.error !== undefined
      if (path.length > 0 && !failed) {
        const type = frame.type.toUpperCase()
        if (type === 'SELFDESTRUCT' && (frame.from === undefined || frame.value === undefined)) {
          unreadable++
        } else if (
          (type === 'CALL' || type === 'CREATE' || type === 'CREATE2' || type === 'SELFDESTRUCT') &&
          frame.from !== undefined &&
          frame.value !== undefined &&
          frame.value > 0n
        ) {
          moves.push({
            txHash,
            traceAddress: path,
            from: frame.from,
            to: frame.to ?? null,
            value: frame.value,
          })
        }
      }
      frame.calls?.forEach((child, i) => {
        visit(child, [...path, i], failed)
      })
    }
    visit(entry.result, [], false)
  })
  return { moves, unreadable }
}

/**
 * Value moves from Parity-style `trace_block` (OpenEthereum, Erigon, Nethermind, Reth, anvil).
 * A trace under a failed one (same transaction, its trace address a prefix) moved nothing, as in
 * ethereum-etl's `status`. Rewards have no transaction and are left out.
 */
export function parityInternalMoves(traces: readonly ParityTrace[]): BlockInternalMoves {
  const failed = new Set<string>()
  for (const trace of traces) {
    if (trace.error !== undefined && trace.transactionHash) {
      failed.add(`${trace.transactionHash}|${trace.traceAddress.join('.')}`)
    }
  }
  const moves: InternalValueMove[] = []
  for (const trace of traces) {
    const txHash = trace.transactionHash
    if (!txHash || trace.traceAddress.length === 0) continue
    if (underFailure(failed, txHash, trace.traceAddress)) continue
    const move = valueMove(trace)
    if (move !== null && move.value > 0n) {
      moves.push({ txHash, traceAddress: trace.traceAddress, ...move })
    }
  }
  return { moves, unreadable: 0 }
}

function valueMove(trace: ParityTrace): { from: string; to: string | null; value: bigint } | null {
  const { action } = trace
  if (trace.type === 'call') {
    if (action.callType !== 'call' || action.from === undefined) return null
    return { from: action.from, to: action.to ?? null, value: action.value ?? 0n }
  }
  if (trace.type === 'create') {
    if (action.from === undefined) return null
    return { from: action.from, to: trace.result?.address ?? null, value: action.value ?? 0n }
  }
  if (trace.type === 'suicide') {
    if (action.address === undefined) return null
    return {
      from: action.address,
      to: action.refundAddress ?? null,
      value: action.balance ?? 0n,
    }
  }
  return null
}

function underFailure(failed: ReadonlySet<string>, txHash: string, path: readonly number[]) {
  if (failed.size === 0) return false
  for (let length = 0; length <= path.length; length++) {
    if (failed.has(`${txHash}|${path.slice(0, length).join('.')}`)) return true
  }
  return false
}

function inconsistent(block: number, reason: string): ChainwatchError {
  return new ChainwatchError('rpc.malformed', `Traces of block ${block} do not match the block.`, {
    meta: { block },
    details: reason,
  })
}
