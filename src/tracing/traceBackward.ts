import { type ChainId, chains } from '../chain/index.js'
import {
  type BackwardPlan,
  type BackwardTarget,
  HISTORY_TX,
  historyOwner,
  planBackward,
  reversedEvents,
  TARGET_TX,
} from './reverseEvents.js'
import type {
  AddressSeed,
  TraceEvent,
  TracePolicy,
  TraceSeed,
  UtxoInput,
  UtxoTxEvent,
} from './TraceEvent.js'
import type { TaintedTransfer, TraceEndpoint, TraceResult } from './TraceResult.js'
import { traceForward } from './traceForward.js'

export type { AddressTarget, BackwardTarget } from './reverseEvents.js'

/** An address the targets' value came from. */
export type TraceSource = {
  readonly chain: ChainId
  readonly address: string
  readonly asset: string
  /**
   * What it sent that ended in a target: haircut, fifo: its exact share (a unit that passed
   * through it several times counts each time); poison: Σ of the transfers it made along
   * time-respecting paths into a target (an upper bound).
   */
  readonly contributed: bigint
  /**
   * The part of the targets' value it already had before the events traced: unknown history
   * (account: what it sent beyond its known balance; UTXO: outputs created before the first
   * event) and what it held at `window.fromBlock`.
   */
  readonly origin: bigint
  /** Fewest hops back from a target (a target is hop 0). */
  readonly hop: number
}

/**
 * Where the targets' value came from. Exact for haircut and fifo:
 * `holding + contaminated = origins + minted + stops + dust + hopLimit + rounding`
 * (`contaminated` is poison only; `rounding` UTXO haircut only).
 */
export type BackwardTotals = {
  /** The value explained: the targets' holdings and values (poison: everything an address target ever held). */
  readonly holding: bigint
  /** poison only: value that became suspect by mixing, going back. */
  readonly contaminated: bigint
  /** Σ of the sources' `origin`. */
  readonly origins: bigint
  /** Came from value created on the way: minted transfers (`from: null`) and coinbase outputs. */
  readonly minted: bigint
  /** Came from stop addresses (not followed further back). */
  readonly stops: bigint
  readonly dust: bigint
  readonly hopLimit: bigint
  /** UTXO haircut: floor remainders (< 1 unit per input and per transaction). */
  readonly rounding: bigint
}

/** The result of a backward trace. */
export type BackwardResult = {
  readonly policy: TracePolicy
  /** Sorted by chain, address, asset. */
  readonly sources: readonly TraceSource[]
  /** Stop addresses reached going back (value came from them), with what they sent. */
  readonly endpoints: readonly TraceEndpoint[]
  /**
   * Transfers (account) or outputs (UTXO: `txHash`/`outputIndex` of the output, `to` its owner,
   * `from` null) that carried part of the targets' value, in their own direction, newest first;
   * `tainted` is that part.
   */
  readonly transfers: readonly TaintedTransfer[]
  readonly totals: BackwardTotals
  /** Events of the window traced back. */
  readonly eventsApplied: number
}

export type TraceBackwardParameters = {
  /** In chain order, as for `traceForward`; reversed here (so they are held in memory). */
  readonly events: Iterable<TraceEvent>
  readonly targets: readonly BackwardTarget[]
  readonly policy: TracePolicy
  /** Stop sources: value is not followed further back than them. */
  readonly isStop?: (chain: ChainId, address: string) => boolean
  readonly maxHops?: number
  readonly dust?: bigint
  /** Events outside the window are not traced; balances are those at `toBlock`. */
  readonly window?: { readonly fromBlock?: number; readonly toBlock?: number }
  readonly collectTransfers?: boolean
}

/**
 * Where the value at the targets came from: the forward engine over the events in reverse order
 * with sender and recipient swapped, starting from the balances at the end (docs/tracing.md,
 * "Backward tracing").
 */
export function traceBackward(parameters: TraceBackwardParameters): BackwardResult {
  const { policy, targets } = parameters
  const window = {
    fromBlock: parameters.window?.fromBlock ?? Number.NEGATIVE_INFINITY,
    toBlock: parameters.window?.toBlock ?? Number.POSITIVE_INFINITY,
  }
  // poison follows everything an address target ever held (an address seed active throughout);
  // haircut and fifo explain exactly its holding at the end, put in place by a synthetic transfer.
  const poison = policy === 'poison'
  const plan = planBackward(parameters.events, targets, window, !poison)
  const seeds: TraceSeed[] = [...plan.spentTargets]
  for (const target of targets) {
    if (target.kind === 'address' && poison) seeds.push(addressSeed(target))
    else if (target.kind === 'transfer') seeds.push(target)
  }
  // The synthetic events put the targets' value in place at the start (seeded, hop 0).
  const minted = new Map<string, bigint>()
  const synthetic = new Set<ChainId>()
  for (const ev of plan.start) {
    synthetic.add(ev.chain)
    if (ev.kind === 'transfer' && ev.to !== null) {
      minted.set(`${ev.chain}|${ev.asset}|${ev.to}`, ev.amount)
    }
  }
  for (const chain of synthetic) {
    seeds.push(
      chains[chain].model === 'utxo'
        ? { kind: 'output', chain, txHash: TARGET_TX }
        : { kind: 'transfer', chain, txHash: TARGET_TX },
    )
  }
  const userStop = parameters.isStop
  const result = traceForward({
    events: reversedEvents(plan),
    seeds,
    policy,
    initialBalances: plan.balances,
    ...(userStop === undefined
      ? {}
      : {
          isStop: (chain: ChainId, address: string) =>
            // The targets' holders are traced through, and unknown history is no address.
            !plan.holders.has(`${chain}|${address}`) &&
            historyOwner(address) === null &&
            userStop(chain, address),
        }),
    ...(parameters.maxHops === undefined ? {} : { maxHops: parameters.maxHops }),
    ...(parameters.dust === undefined ? {} : { dust: parameters.dust }),
    ...(parameters.collectTransfers === undefined
      ? {}
      : { collectTransfers: parameters.collectTransfers }),
  })
  const sources = sourcesOf(result, minted)
  const { totals } = result
  return {
    policy,
    sources,
    endpoints: result.endpoints,
    transfers: transfersOf(result, plan),
    totals: {
      holding: totals.seeded,
      contaminated: totals.contaminated,
      origins: sources.reduce((sum, s) => sum + s.origin, 0n),
      // Going back, value minted forward is burned, and a coinbase's value is all fee.
      minted: totals.burned + totals.fees,
      stops: totals.stops,
      dust: totals.dust,
      hopLimit: totals.hopLimit,
      rounding: totals.rounding,
    },
    eventsApplied: plan.kept.length,
  }
}

function addressSeed(target: BackwardTarget & { kind: 'address' }): AddressSeed {
  return {
    kind: 'address',
    chain: target.chain,
    address: target.address,
    ...(target.asset === undefined ? {} : { asset: target.asset }),
    // Active from the first reversed event: the target's holding at the end.
    sinceBlock: Number.MIN_SAFE_INTEGER,
  }
}

/**
 * Sources from the reversed run's holdings: what an address received going back is what it
 * contributed; what is left with it at the end, or went to its unknown history, is its origin.
 */
function sourcesOf(result: TraceResult, minted: ReadonlyMap<string, bigint>): TraceSource[] {
  const history = new Map<string, bigint>()
  for (const h of result.holdings) {
    const owner = historyOwner(h.address)
    if (owner === null) continue
    const key = `${h.chain}|${h.asset}|${owner}`
    history.set(key, (history.get(key) ?? 0n) + h.held)
  }
  const sources: TraceSource[] = []
  for (const h of result.holdings) {
    if (historyOwner(h.address) !== null) continue
    const key = `${h.chain}|${h.asset}|${h.address}`
    const origin = h.held + (history.get(key) ?? 0n)
    // A target's own end holding arrived by its synthetic transfer: not something it sent.
    const contributed = h.received - (minted.get(key) ?? 0n)
    if (contributed === 0n && origin === 0n) continue
    sources.push({
      chain: h.chain,
      address: h.address,
      asset: h.asset,
      contributed,
      origin,
      hop: h.hop,
    })
  }
  return sources
}

/**
 * The reversed run's transfers in their own direction. UTXO records name the output: going
 * back, output `n` of a transaction is its input `n`, the output that input spent; the target
 * outputs held at the end are listed at hop 0.
 */
function transfersOf(result: TraceResult, plan: BackwardPlan): TaintedTransfer[] {
  const records = result.transfers.filter(
    (t) => t.txHash !== HISTORY_TX && (t.txHash !== TARGET_TX || t.outputIndex !== null),
  )
  const needed = new Set<string>()
  for (const t of records) if (t.outputIndex !== null) needed.add(`${t.chain}|${t.txHash}`)
  const created = new Map<string, UtxoTxEvent>()
  for (const ev of plan.start) if (ev.kind === 'utxo-tx') created.set(ev.chain, ev)
  const spending = new Map<string, UtxoTxEvent>()
  if (needed.size > 0) {
    for (const ev of plan.kept) {
      const key = `${ev.chain}|${ev.txHash}`
      if (ev.kind === 'utxo-tx' && needed.has(key)) spending.set(key, ev)
    }
  }
  return records.map((t) => {
    if (t.outputIndex === null) return { ...t, from: t.to, to: t.from }
    const spent =
      t.txHash === TARGET_TX
        ? created.get(t.chain)?.outputs[t.outputIndex]?.outpoint
        : outpointOf(spending.get(`${t.chain}|${t.txHash}`)?.inputs[t.outputIndex])
    return {
      ...t,
      txHash: spent?.txHash ?? t.txHash,
      outputIndex: spent?.index ?? t.outputIndex,
      from: null,
    }
  })
}

const outpointOf = (input: UtxoInput | undefined) =>
  input === undefined ? undefined : { txHash: input.spentTxHash, index: input.spentOutputIndex }
