import type { Exposure } from '../screening/index.js'
import type { Designation } from '../store/index.js'
import type { MonitorEvent } from './model.js'

/** One transaction on the funding path of a UTXO deposit, newest (the event's own tx) first. */
export type AncestorTx = {
  readonly txHash: string
  /** Unix seconds; null when its block is not stored. */
  readonly blockTime: number | null
  readonly inputCount: number
  /** Output values by output index. */
  readonly outputValues: readonly bigint[]
  readonly inputAddresses: readonly string[]
  /** Active designations of its input addresses. */
  readonly inputDesignations: readonly Designation[]
}

/**
 * Everything rules may look at for one event, read from the store before any rule runs, so the
 * evaluators are pure functions of (event, evidence).
 */
export type EvidenceContext = {
  /** Active designations of the counterparty. */
  readonly designations: readonly Designation[]
  /** Exposure of the counterparty to risk categories over the store's flows (n hops). */
  readonly exposures: readonly Exposure[]
  /** The account's earlier stored events within the lookback window, oldest first. */
  readonly history: readonly MonitorEvent[]
  /** Unix time of the account's first stored event (any age), null for a new account. */
  readonly firstSeen: number | null
  /** UTXO chains: the event's tx and its funding txs, following the first input back. */
  readonly ancestry: readonly AncestorTx[]
  /** Account chains: designations of addresses that paid the counterparty (one hop in). */
  readonly funders: readonly Designation[]
}

/** What gathering must read for the loaded rules (the maximum any rule asks for). */
export type EvidenceNeeds = {
  readonly exposureHops: number
  readonly historySeconds: number
  readonly ancestryHops: number
  readonly funders: boolean
}

export const emptyEvidence: EvidenceContext = {
  designations: [],
  exposures: [],
  history: [],
  firstSeen: null,
  ancestry: [],
  funders: [],
}
