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
