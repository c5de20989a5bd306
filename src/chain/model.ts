import type { ChainId } from './chains.js'

/**
 * The one value-flow model for UTXO and account chains. Records are plain, immutable data;
 * amounts are bigint base units (satoshi, wei, token units) end to end.
 *
 * Chain order, which taint engines walk: `(blockHeight, txIndex, position)`. `position` orders
 * the value movements inside one transaction (see `transferPosition`).
 */
export type Amount = bigint

/** The asset key of a chain's native coin; tokens use their contract address. */
export const NATIVE_ASSET = 'native'

export type BlockRecord = {
  readonly chain: ChainId
  readonly height: number
  readonly hash: string
  /** null only for a genesis block. */
  readonly parentHash: string | null
  /** Unix seconds. */
  readonly time: number
  readonly txCount: number | null
}

export type TransactionRecord = {
  readonly chain: ChainId
  readonly hash: string
  readonly blockHeight: number
  readonly blockHash: string | null
  /** Position in its block; null when an export does not carry it. */
  readonly index: number | null
  /** Sender and recipient of an account-model transaction; null on UTXO chains. */
  readonly from: string | null
  readonly to: string | null
  /** Native value of an account-model transaction, or total output value of a UTXO one. */
  readonly value: Amount
  /** Fee paid; null when unknown (UTXO inputs not yet resolved). */
  readonly fee: Amount | null
  /** false when an EVM transaction reverted: it moved no value. */
  readonly success: boolean
}

/** A Bitcoin transaction output: value locked to a script, usually an address. */
export type OutputRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly index: number
  /** null for scripts with no standard address (OP_RETURN, bare multisig, non-standard). */
  readonly address: string | null
  readonly value: Amount
  /** p2pkh, p2sh, p2wpkh, p2wsh, p2tr, p2pk, multisig, nulldata, witness_unknown, nonstandard */
  readonly scriptType: string
  readonly blockHeight: number
  /** Position of the transaction in its block; null when an export (BigQuery) lacks it. */
  readonly txIndex: number | null
  /**
   * OP_RETURN (nulldata) outputs: the bytes the script pushes, concatenated, as lowercase hex
   * (a bridge's `OUT:<hash>` memo travels here); absent on other outputs.
   */
  readonly data?: string
}

/** A Bitcoin transaction input: spends one earlier output. */
export type InputRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly index: number
  /** null for a coinbase input (it spends nothing). */
  readonly spentTxHash: string | null
  readonly spentOutputIndex: number | null
  /** Address and value of the spent output; null until that output is known to the store. */
  readonly address: string | null
  readonly value: Amount | null
  readonly blockHeight: number
  /** Position of the transaction in its block; null when an export (BigQuery) lacks it. */
  readonly txIndex: number | null
}

/** native: a transaction's own value; internal: a value-carrying call trace; token: ERC-20 Transfer. */
export type TransferKind = 'native' | 'internal' | 'token'

/** An account-model value movement from one address to another. */
export type TransferRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly kind: TransferKind
  /** Sortable position inside the transaction (see `transferPosition`); unique with txHash. */
  readonly position: string
  /** `native`, or the token contract address (lowercase). */
  readonly asset: string
  /** null when value is minted (block rewards) or burned to nowhere. */
  readonly from: string | null
  readonly to: string | null
  readonly amount: Amount
  readonly blockHeight: number
  /** null when an export (ethereum-etl token_transfers) does not carry it; the store fills it in. */
  readonly txIndex: number | null
}

/**
 * Conversions the tracer follows across assets: DEX pools' `Swap` events, and `weth` — a
 * wrapped-native contract's `Deposit` (native in, token out) or `Withdrawal` (token in, native
 * out), where the contract itself is the pool.
 */
export type SwapProtocol = 'uniswap-v2' | 'uniswap-v3' | 'weth'

/**
 * One DEX swap (a Uniswap V2/V3 `Swap` log), with the tokens resolved from the transaction's
 * own Transfer logs: `amountIn` of `tokenIn` went into `pool`, `amountOut` of `tokenOut` came out
 * to `recipient`. Taint carried in follows out at the swap's ratio.
 */
export type SwapRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number | null
  /** The Swap log's position (`transferPosition.token(logIndex)`). */
  readonly position: string
  readonly protocol: SwapProtocol
  readonly pool: string
  /** The event's `sender` (usually a router). */
  readonly sender: string
  /** The event's `to` / `recipient`: who received tokenOut. */
  readonly recipient: string
  readonly tokenIn: string
  readonly amountIn: Amount
  readonly tokenOut: string
  readonly amountOut: Amount
}

/**
 * A THORChain-router-style `Deposit(to, asset, amount, memo)` log: value handed to a bridge
 * vault, with a memo naming where it should come out (e.g. `=:BTC.BTC:<address>`).
 */
export type BridgeDepositRecord = {
  readonly chain: ChainId
  readonly txHash: string
  readonly blockHeight: number
  readonly txIndex: number | null
  /** The Deposit log's position (`transferPosition.token(logIndex)`). */
  readonly position: string
  /** The contract that emitted the event. */
  readonly router: string
  /** The event's `to`: the vault that received the value. */
  readonly vault: string
  /**
   * Who deposited: the transaction's sender; null when a source does not carry it (an
   * ethereum-etl logs export), and the store's reader takes it from the stored transaction.
   */
  readonly depositor: string | null
  /** `native` (the event's zero address) or the token contract (lowercase). */
  readonly asset: string
  readonly amount: Amount
  readonly memo: string
}

/** Everything one import step writes, in one atomic, idempotent store write. */
export type ChainBatch = {
  readonly blocks: readonly BlockRecord[]
  readonly transactions: readonly TransactionRecord[]
  readonly outputs: readonly OutputRecord[]
  readonly inputs: readonly InputRecord[]
  readonly transfers: readonly TransferRecord[]
  /** EVM DEX swaps; omitted by sources that have none. */
  readonly swaps?: readonly SwapRecord[]
  /** EVM bridge-router deposits; omitted by sources that have none. */
  readonly bridgeDeposits?: readonly BridgeDepositRecord[]
}

export function emptyBatch(): ChainBatch {
  return { blocks: [], transactions: [], outputs: [], inputs: [], transfers: [] }
}
