import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { TraceEvent, TransferEvent, TransferSeed } from './TraceEvent.js'
import type { TaintedTransfer, TraceEndpoint } from './TraceResult.js'
import { traceForward } from './traceForward.js'

/** What a backward trace explains: an address's holding at the end, or the value one transfer moved. */
export type BackwardTarget =
  | {
      readonly kind: 'address'
      readonly chain: ChainId
      readonly address: string
      readonly asset?: string
    }
  | TransferSeed

/** An address from which value could have reached a target. */
export type TraceSource = {
  readonly chain: ChainId
  readonly address: string
  readonly asset: string
  /** Σ of the transfers it made along time-respecting paths into a target (an upper bound). */
  readonly contributed: bigint
  /** Fewest hops back from a target. */
  readonly hop: number
}

/** The result of a backward trace. */
export type BackwardResult = {
  readonly policy: 'poison'
  /** Sorted by chain, address, asset. */
  readonly sources: readonly TraceSource[]
  /** Stop addresses reached going back (value came from them), with what they sent. */
  readonly endpoints: readonly TraceEndpoint[]
  /** The transfers on those paths, in their own direction, newest first. */
  readonly transfers: readonly TaintedTransfer[]
  readonly eventsApplied: number
}

export type TraceBackwardParameters = {
  /** In chain order, as for `traceForward`; reversed here (so they are held in memory). */
  readonly events: Iterable<TraceEvent>
  readonly targets: readonly BackwardTarget[]
  /** Only poison has an exact backward reading (see docs/tracing.md). */
  readonly policy: 'poison'
  /** Stop sources: value is not followed further back than them. */
  readonly isStop?: (chain: ChainId, address: string) => boolean
  readonly maxHops?: number
  readonly dust?: bigint
  readonly window?: { readonly fromBlock?: number; readonly toBlock?: number }
  readonly collectTransfers?: boolean
}

/**
 * Where the value at the targets could have come from (account model, poison): the forward
 * engine over the events in reverse order with sender and recipient swapped.
 */
export function traceBackward(parameters: TraceBackwardParameters): BackwardResult {
  const fromBlock = parameters.window?.fromBlock ?? Number.NEGATIVE_INFINITY
  const toBlock = parameters.window?.toBlock ?? Number.POSITIVE_INFINITY
  const reversed: TransferEvent[] = []
  for (const ev of parameters.events) {
    if (ev.kind !== 'transfer') {
      throw new ChainwatchError(
        'input.invalid',
        `Backward tracing of UTXO transaction ${ev.txHash} is not supported yet.`,
        { meta: { chain: ev.chain, txHash: ev.txHash } },
      )
    }
    // Window by filtering: in reverse, events before fromBlock come last and must move nothing.
    if (ev.blockHeight < fromBlock || ev.blockHeight > toBlock) continue
    reversed.push({ ...ev, from: ev.to, to: ev.from })
  }
  reversed.reverse()
  const seeds = parameters.targets.map((target) =>
    target.kind === 'transfer'
      ? target
      : {
          ...target,
          kind: 'address' as const,
          // Active from the first reversed event: the target's holding at the end.
          sinceBlock: Number.MIN_SAFE_INTEGER,
        },
  )
  const result = traceForward({
    events: reversed,
    seeds,
    policy: parameters.policy,
    ...(parameters.isStop === undefined ? {} : { isStop: parameters.isStop }),
    ...(parameters.maxHops === undefined ? {} : { maxHops: parameters.maxHops }),
    ...(parameters.dust === undefined ? {} : { dust: parameters.dust }),
    ...(parameters.collectTransfers === undefined
      ? {}
      : { collectTransfers: parameters.collectTransfers }),
  })
  return {
    policy: 'poison',
    sources: result.holdings
      .filter((h) => h.received > 0n)
      .map((h) => ({
        chain: h.chain,
        address: h.address,
        asset: h.asset,
        contributed: h.received,
        hop: h.hop,
      })),
    endpoints: result.endpoints,
    transfers: result.transfers.map((t) => ({ ...t, from: t.to, to: t.from })),
    eventsApplied: result.eventsApplied,
  }
}
