import type { Amount, ChainId } from '../chain/index.js'
import type { TracePolicy } from './TraceEvent.js'

/** Tainted value at one (chain, address, asset). */
export type TraceHolding = {
  readonly chain: ChainId
  readonly address: string
  readonly asset: string
  /** Tainted value that arrived by transfers or outputs (after stops, dust and the hop limit). */
  readonly received: Amount
  /** Tainted value still held after the last event. */
  readonly held: Amount
  /** Tainted value created here by a seed. */
  readonly seeded: Amount
  /** Fewest hops from a seed (a seed holder is hop 0). */
  readonly hop: number
}

/** A stop address that absorbed tainted value. */
export type TraceEndpoint = {
  readonly chain: ChainId
  readonly address: string
  readonly asset: string
  readonly absorbed: Amount
  readonly hop: number
}

/** What became of the taint a transfer or output carried. */
export type TaintFate = 'held' | 'stop' | 'dust' | 'hop-limit' | 'burned'

/** A transfer (account model) or output (UTXO) that carried taint. */
export type TaintedTransfer = {
  readonly chain: ChainId
  readonly txHash: string
  /** Account model: the transfer's position; null for UTXO outputs. */
  readonly position: string | null
  /** UTXO: the output index; null for account transfers. */
  readonly outputIndex: number | null
  /** UTXO: the address of the first tainted input. */
  readonly from: string | null
  readonly to: string | null
  readonly asset: string
  readonly amount: Amount
  readonly tainted: Amount
  /** The recipient's hop: 1 + the sender's hop (0 for a seeded transfer or output). */
  readonly hop: number
  readonly fate: TaintFate
}

/**
 * Where all taint went. Conservation, exact under every policy:
 * `seeded + contaminated = held + stops + dust + hopLimit + fees + burned + rounding`.
 */
export type TraceTotals = {
  readonly seeded: Amount
  /** poison only: clean value that became tainted by mixing with tainted value. */
  readonly contaminated: Amount
  readonly held: Amount
  readonly stops: Amount
  readonly dust: Amount
  readonly hopLimit: Amount
  /** UTXO: taint falling into transaction fees (absorbed by the miner). */
  readonly fees: Amount
  /** Account model: taint sent to no address. */
  readonly burned: Amount
  /** UTXO haircut: the floor remainders, which stay untainted (< 1 unit per output and fee). */
  readonly rounding: Amount
}

/** The result of a forward trace. */
export type TraceResult = {
  readonly policy: TracePolicy
  /** Sorted by chain, address, asset. */
  readonly holdings: readonly TraceHolding[]
  /** Sorted by chain, address, asset. */
  readonly endpoints: readonly TraceEndpoint[]
  /** In event order; empty when `collectTransfers` is false. */
  readonly transfers: readonly TaintedTransfer[]
  readonly totals: TraceTotals
  readonly eventsApplied: number
}
