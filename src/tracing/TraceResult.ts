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
  /**
   * The designation that made it a stop (`traceStore` adds it from the loaded lists; the engine
   * alone knows none): its list, category, the entity and the source's label.
   */
  readonly list?: string
  readonly category?: string
  readonly entity?: string | null
  readonly label?: string | null
}

/**
 * What became of the taint a transfer or output carried. `swap`: a swap's in-leg (the taint
 * leaves converted by the out-leg); `bridge`: a bridge deposit's value leg (it left the chain).
 */
export type TaintFate = 'held' | 'stop' | 'dust' | 'hop-limit' | 'burned' | 'swap' | 'bridge'

/** How sure a cross-chain link is of its outbound payment (docs/tracing.md). */
export type LinkConfidence = 'high' | 'medium' | 'low' | 'none'

/** One fact a cross-chain link rests on. */
export type LinkEvidence = {
  readonly kind:
    | 'memo'
    | 'destination'
    | 'time-delta'
    | 'output-value'
    | 'candidates'
    | 'out-memo'
    | 'unmatched'
  /** The fact, as data (a memo, an address, seconds, base units, a count) or a short reason. */
  readonly value: string
}

/** A payment on the destination chain that may be a bridge deposit's outbound. */
export type LinkOutbound = {
  readonly chain: ChainId
  readonly txHash: string
  readonly outputIndex: number
  readonly address: string
  readonly value: Amount
  readonly blockHeight: number
  /** Unix seconds. */
  readonly blockTime: number
}

/** A tainted bridge deposit and, when found, the payment it came out as on the other chain. */
export type CrossChainLink = {
  /** The deposit: chain, transaction, Deposit log position, block and its time. */
  readonly chain: ChainId
  readonly txHash: string
  readonly position: string
  readonly blockHeight: number
  readonly blockTime: number | null
  readonly router: string
  readonly vault: string
  readonly depositor: string | null
  readonly memo: string
  /** From the memo; null when the memo names no chain Chainwatch follows. */
  readonly destinationChain: ChainId | null
  /** The memo's asset, e.g. `BTC.BTC`. */
  readonly destinationAsset: string | null
  readonly destinationAddress: string | null
  readonly asset: string
  readonly amount: Amount
  /** Taint the value leg carried out of the chain (counted in `bridged`). */
  readonly tainted: Amount
  /** The value leg's hop; the outbound output is seeded at hop + 1. */
  readonly hop: number
  /** The matched payment, or null (confidence `none`). */
  readonly outbound: LinkOutbound | null
  /** Seconds from the deposit's block to the outbound's block. */
  readonly timeDelta: number | null
  /** Taint seeded on the outbound output (0 without one). */
  readonly seeded: Amount
  /** `low` confidence: the other payments in the window, not followed. */
  readonly otherCandidates: readonly LinkOutbound[]
  readonly evidence: readonly LinkEvidence[]
  readonly confidence: LinkConfidence
}

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
 * `seeded + contaminated + swappedIn = held + stops + dust + hopLimit + fees + burned + rounding
 * + swappedOut + bridged`.
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
  /** Taint that swap out-legs brought in, converted (in the out token's units). */
  readonly swappedIn: Amount
  /** Taint that swap in-legs carried into pools (in the in token's units). */
  readonly swappedOut: Amount
  /** Taint that bridge deposits carried off the chain. */
  readonly bridged: Amount
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
  /** Tainted bridge deposits, in event order. */
  readonly links: readonly CrossChainLink[]
  /** Swaps whose in-leg or out-leg is not among the transaction's transfers (ignored). */
  readonly unmatchedSwaps: number
  /** Bridge deposits whose value leg is not among the transaction's transfers (ignored). */
  readonly unmatchedBridgeDeposits: number
  readonly eventsApplied: number
}
