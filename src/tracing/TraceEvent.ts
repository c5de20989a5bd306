import type { Amount, ChainId } from '../chain/index.js'

/** An account-model value movement (ERC-20 Transfer, native value, internal call); fees are not events. */
export type TransferEvent = {
  readonly kind: 'transfer'
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number
  /** Sortable position inside the transaction (see `transferPosition`). */
  readonly position: string
  /** `native` or the token contract address. */
  readonly asset: string
  /** null when value is minted (it appears clean from nowhere). */
  readonly from: string | null
  /** null when value is burned (its taint is reported as `burned`). */
  readonly to: string | null
  readonly amount: Amount
}

/** One spent output of a UTXO transaction, with its address and value. */
export type UtxoInput = {
  readonly spentTxHash: string
  readonly spentOutputIndex: number
  readonly address: string | null
  readonly value: Amount
}

/** One output of a UTXO transaction; `address` is null for scripts without one (OP_RETURN…). */
export type UtxoOutput = {
  readonly index: number
  readonly address: string | null
  readonly value: Amount
  /** Keys the output as this outpoint instead of (its transaction, `index`): tracing backward re-creates spent outputs. */
  readonly outpoint?: { readonly txHash: string; readonly index: number }
}

/** A whole UTXO transaction: its inputs (none for a coinbase) flow to its outputs. */
export type UtxoTxEvent = {
  readonly kind: 'utxo-tx'
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number
  readonly inputs: readonly UtxoInput[]
  readonly outputs: readonly UtxoOutput[]
}

/** The engine's input, plain data in chain order. */
export type TraceEvent = TransferEvent | UtxoTxEvent

/**
 * A DEX swap in an account-model transaction (from a `SwapRecord`): its in-leg and out-leg are
 * transfers of the same transaction; taint carried in leaves converted (docs/tracing.md).
 */
export type SwapEvent = {
  readonly kind: 'swap'
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number
  /** The Swap log's position. */
  readonly position: string
  readonly protocol: string
  readonly pool: string
  readonly recipient: string
  readonly tokenIn: string
  readonly amountIn: Amount
  readonly tokenOut: string
  readonly amountOut: Amount
}

/**
 * A bridge-router deposit (from a `BridgeDepositRecord`): the taint its value leg (a transfer of
 * the same transaction) carries leaves the chain and becomes a cross-chain link.
 */
export type BridgeDepositEvent = {
  readonly kind: 'bridge-deposit'
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number
  /** The Deposit log's position. */
  readonly position: string
  readonly router: string
  readonly vault: string
  /** null when unknown (its transaction is not in the store). */
  readonly depositor: string | null
  readonly asset: string
  readonly amount: Amount
  readonly memo: string
  /** The deposit block's time (unix seconds), to match the outbound payment; null if unknown. */
  readonly blockTime: number | null
}

/** Swaps and bridge deposits: annotations of a transaction's transfers. */
export type CrossAssetEvent = SwapEvent | BridgeDepositEvent

/**
 * What the forward engine walks: value movements and the swaps and bridge deposits among them,
 * in chain order (a swap or deposit in the same transaction as its legs).
 */
export type ForwardEvent = TraceEvent | CrossAssetEvent

/** Everything `address` holds at `sinceBlock` (asset, or all assets) and everything it receives later. */
export type AddressSeed = {
  readonly kind: 'address'
  readonly chain: ChainId
  readonly address: string
  /** Omitted: all assets. UTXO chains have the one asset `native`. */
  readonly asset?: string
  readonly sinceBlock: number
}

/** UTXO: output `outputIndex` of `txHash`, or all its outputs. */
export type OutputSeed = {
  readonly kind: 'output'
  readonly chain: ChainId
  readonly txHash: string
  readonly outputIndex?: number
  /**
   * Only this much of the output is tainted (default: all of it), e.g. the share a bridge
   * deposit carried; needs `outputIndex`. Such a seed is an arrival: stop, hop limit and dust
   * apply (docs/tracing.md, "Across assets and chains").
   */
  readonly tainted?: Amount
  /** The holder's hop (default 0), e.g. 1 + the hop of a bridge deposit's value leg. */
  readonly hop?: number
}

/** Account model: the value moved by the transfer at `position` of `txHash`, or by all its transfers. */
export type TransferSeed = {
  readonly kind: 'transfer'
  readonly chain: ChainId
  readonly txHash: string
  readonly position?: string
}

/** Where tainted value starts. */
export type TraceSeed = AddressSeed | OutputSeed | TransferSeed

/** How an outflow's taint is computed (see docs/tracing.md). */
export type TracePolicy = 'poison' | 'haircut' | 'fifo'
