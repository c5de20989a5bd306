import { createHash } from 'node:crypto'
import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { Category } from '../screening/index.js'
import type { Store } from '../store/index.js'
import { canonicalJson } from './canonicalJson.js'
import { readTransferEvents, readUtxoEvents, type SkippedTx } from './readStoreEvents.js'
import type { TraceEvent, TracePolicy } from './TraceEvent.js'
import { type BackwardResult, type BackwardTarget, traceBackward } from './traceBackward.js'

export type TraceStoreBackwardParameters = {
  readonly chain: ChainId
  readonly targets: readonly BackwardTarget[]
  readonly policy: TracePolicy
  /** Designation categories where tracing back stops (default: exchange). */
  readonly stopCategories?: readonly Category[]
  readonly maxHops?: number
  readonly dust?: bigint
  readonly fromBlock?: number
  readonly toBlock?: number
}

/** What a re-run needs to reproduce a backward trace, and the SHA-256 that proves it did. */
export type BackwardManifest = {
  readonly direction: 'backward'
  readonly policy: TracePolicy
  readonly targets: readonly BackwardTarget[]
  readonly parameters: {
    readonly stopCategories: readonly Category[]
    readonly maxHops: number | null
    readonly dust: string
    readonly fromBlock: number | null
    readonly toBlock: number | null
  }
  /** First and last block of the events read, per chain. */
  readonly blocks: readonly {
    readonly chain: ChainId
    readonly first: number | null
    readonly last: number | null
  }[]
  readonly events: number
  /** UTXO chains: transactions left out because an input's value is unknown; null on account chains. */
  readonly skipped: number | null
  /**
   * UTXO chains: left-out transactions that create or spend a target output or an output the
   * result lists as carrying the targets' value. The trace is incomplete there: value it
   * created shows as an origin, and a target's holding may count an output it spent. null on
   * account chains.
   */
  readonly lostSpends: number | null
  /** SHA-256 of the canonical JSON of `{ manifest without sha256, result }`. */
  readonly sha256: string
}

export type StoreBackwardTrace = {
  readonly manifest: BackwardManifest
  readonly result: BackwardResult
}

/**
 * Traces backward over a chain's transfers (account) or transactions (bitcoin) in the store:
 * where the value at the targets came from, stopping at addresses the loaded lists designate
 * with a stop category (docs/tracing.md, "Backward tracing").
 */
export async function traceStoreBackward(
  deps: {
    readonly store: Pick<
      Store,
      'transfersInOrder' | 'utxoTransactionsInOrder' | 'activeDesignations'
    >
  },
  parameters: TraceStoreBackwardParameters,
): Promise<StoreBackwardTrace> {
  const { chain, targets, policy, maxHops, dust = 0n, fromBlock, toBlock } = parameters
  for (const target of targets) {
    if (target.chain !== chain) {
      throw new ChainwatchError(
        'input.invalid',
        `A target on ${target.chain} cannot be traced on ${chain}.`,
        { meta: { chain, target: { ...target } } },
      )
    }
  }
  const stopCategories = parameters.stopCategories ?? ['exchange']
  const stops = new Set<string>()
  for (const d of await deps.store.activeDesignations()) {
    if (stopCategories.includes(d.category)) stops.add(d.address)
  }
  // Every event up to toBlock: the balances at the end need the whole history read.
  const read = { chain, ...(toBlock === undefined ? {} : { toBlock }) }
  const { events, skipped }: { events: readonly TraceEvent[]; skipped: SkippedTx[] | null } =
    chain === 'bitcoin'
      ? await readUtxoEvents(deps.store, read)
      : { events: await readTransferEvents(deps.store, read), skipped: null }
  const result = traceBackward({
    events,
    targets,
    policy,
    isStop: (_chain, address) => stops.has(address),
    ...(maxHops === undefined ? {} : { maxHops }),
    dust,
    window: {
      ...(fromBlock === undefined ? {} : { fromBlock }),
      ...(toBlock === undefined ? {} : { toBlock }),
    },
  })
  const unsigned = {
    direction: 'backward' as const,
    policy,
    targets,
    parameters: {
      stopCategories,
      maxHops: maxHops ?? null,
      dust: dust.toString(),
      fromBlock: fromBlock ?? null,
      toBlock: toBlock ?? null,
    },
    blocks: [
      { chain, first: events[0]?.blockHeight ?? null, last: events.at(-1)?.blockHeight ?? null },
    ],
    events: events.length,
    skipped: skipped?.length ?? null,
    lostSpends: skipped === null ? null : lostSpends(skipped, targets, result),
  }
  const sha256 = createHash('sha256')
    .update(canonicalJson({ manifest: unsigned, result }))
    .digest('hex')
  return { manifest: { ...unsigned, sha256 }, result }
}

/** Skipped transactions that create or spend a target output or one carrying the targets' value. */
function lostSpends(
  skipped: readonly SkippedTx[],
  targets: readonly BackwardTarget[],
  result: BackwardResult,
): number {
  const outpoints = new Set<string>()
  const txs = new Set<string>()
  const wholeTxs = new Set<string>()
  for (const t of result.transfers) {
    if (t.outputIndex === null) continue
    outpoints.add(`${t.txHash}:${t.outputIndex}`)
    txs.add(t.txHash)
  }
  for (const target of targets) {
    if (target.kind !== 'output') continue
    txs.add(target.txHash)
    if (target.outputIndex === undefined) wholeTxs.add(target.txHash)
    else outpoints.add(`${target.txHash}:${target.outputIndex}`)
  }
  const spendsValue = (outpoint: string) =>
    outpoints.has(outpoint) || wholeTxs.has(outpoint.slice(0, outpoint.lastIndexOf(':')))
  return skipped.filter((tx) => txs.has(tx.txHash) || tx.spends.some(spendsValue)).length
}
