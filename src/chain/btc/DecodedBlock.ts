import type { Amount } from '../model.js'

/** A transaction input as serialized: the outpoint it spends, its script and witness. */
export type DecodedInput = {
  /** Txid of the spent output (display hex); all zeros for a coinbase input. */
  readonly prevTxid: string
  /** Index of the spent output; 0xffffffff for a coinbase input. */
  readonly vout: number
  /** True for the one input of a coinbase transaction: it spends nothing. */
  readonly coinbase: boolean
  readonly scriptSig: Uint8Array
  readonly sequence: number
  /** Witness stack items (BIP 141); empty for a non-segwit input. */
  readonly witness: readonly Uint8Array[]
}

/** A transaction output: an amount locked to a script. */
export type DecodedOutput = {
  /** Satoshi. */
  readonly value: Amount
  readonly scriptPubKey: Uint8Array
}

export type DecodedTransaction = {
  /** hash256 of the serialization without witness data, as displayed (reversed hex). */
  readonly txid: string
  readonly version: number
  readonly lockTime: number
  /** True when serialized with the BIP 144 marker and flag (it carries witness data). */
  readonly segwit: boolean
  /** Serialized size in bytes, witness included. */
  readonly size: number
  /** Virtual size: weight / 4, rounded up (BIP 141). */
  readonly vsize: number
  readonly inputs: readonly DecodedInput[]
  readonly outputs: readonly DecodedOutput[]
}

/** The 80-byte block header, with the block hash it commits to. */
export type DecodedBlockHeader = {
  /** hash256 of the header, as displayed (reversed hex). */
  readonly hash: string
  readonly version: number
  /** Hash of the previous block (display hex); all zeros for a genesis block. */
  readonly prevHash: string
  /** Merkle root of the txids (display hex). */
  readonly merkleRoot: string
  /** Unix seconds, as the miner set it. */
  readonly time: number
  readonly bits: number
  readonly nonce: number
}

/** A decoded serialized block: header plus transactions, coinbase first. */
export type DecodedBlock = DecodedBlockHeader & {
  /**
   * Height the coinbase declares (BIP 34) in a version ≥ 2 block; null when absent. Before BIP 34
   * was enforced (mainnet height 227,931) a version 2 coinbase need not start with its height, so
   * callers that know the height should pass it on (`blockToBatch`, `coinbaseCheck`).
   */
  readonly height: number | null
  /** Serialized size in bytes. */
  readonly size: number
  readonly transactions: readonly DecodedTransaction[]
}
