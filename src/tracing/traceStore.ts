import { createHash } from 'node:crypto'
import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { Category } from '../screening/index.js'
import type { Store } from '../store/index.js'
import { canonicalJson } from './canonicalJson.js'
import type { TracePolicy, TraceSeed, TransferEvent } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { traceForward } from './traceForward.js'

export type TraceStoreParameters = {
  readonly chain: ChainId
  readonly seeds: readonly TraceSeed[]
  readonly policy: TracePolicy
  /** Designation categories where taint stops (default: exchange). */
  readonly stopCategories?: readonly Category[]
  readonly maxHops?: number
  readonly dust?: bigint
  readonly fromBlock?: number
  readonly toBlock?: number
}

/** What a re-run needs to reproduce a trace, and the SHA-256 that proves it did. */
export type TraceManifest = {
  readonly policy: TracePolicy
  readonly seeds: readonly TraceSeed[]
  readonly parameters: {
    readonly stopCategories: readonly Category[]
    readonly maxHops: number | null
    readonly dust: string
    readonly fromBlock: number | null
    readonly toBlock: number | null
  }
  /** First and last block of the events the trace read, per chain. */
  readonly blocks: readonly {
    readonly chain: ChainId
    readonly first: number | null
    readonly last: number | null
  }[]
  readonly events: number
  /** SHA-256 of the canonical JSON (sorted keys, bigints as strings) of `{ manifest without sha256, result }`. */
  readonly sha256: string
}

export type StoreTrace = { readonly manifest: TraceManifest; readonly result: TraceResult }

/**
 * Traces forward over a chain's transfers in the store, in chain order, stopping at addresses
 * the loaded lists designate with a stop category. Account-model chains only for now.
 */
export async function traceStore(
  deps: { readonly store: Pick<Store, 'transfersInOrder' | 'activeDesignations'> },
  parameters: TraceStoreParameters,
): Promise<StoreTrace> {
  const { chain, seeds, policy, maxHops, dust = 0n, fromBlock, toBlock } = parameters
  if (chain !== 'ethereum') {
    throw new ChainwatchError(
      'input.invalid',
      `Tracing ${chain} from the store is not supported yet.`,
      {
        meta: { chain },
        details:
          'The engine traces UTXO transactions; reading them from the store in chain order is still to come.',
      },
    )
  }
  const stopCategories = parameters.stopCategories ?? ['exchange']
  const stops = new Set<string>()
  for (const d of await deps.store.activeDesignations()) {
    if (stopCategories.includes(d.category)) stops.add(d.address)
  }
  const events: TransferEvent[] = []
  for await (const page of deps.store.transfersInOrder({
    chain,
    ...(toBlock === undefined ? {} : { toBlock }),
  })) {
    for (const t of page) {
      events.push({
        kind: 'transfer',
        chain: t.chain,
        txHash: t.txHash,
        blockHeight: t.blockHeight,
        // Unknown indexes sort last in their block (the store's order); the engine needs a number.
        txIndex: t.txIndex ?? Number.MAX_SAFE_INTEGER,
        position: t.position,
        asset: t.asset,
        from: t.from,
        to: t.to,
        amount: t.amount,
      })
    }
  }
  const result = traceForward({
    events,
    seeds,
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
    policy,
    seeds,
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
  }
  const sha256 = createHash('sha256')
    .update(canonicalJson({ manifest: unsigned, result }))
    .digest('hex')
  return { manifest: { ...unsigned, sha256 }, result }
}
