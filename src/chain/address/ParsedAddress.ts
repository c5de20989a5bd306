import type { AddressChain } from './AddressChain.js'

/** A Bitcoin network. `testnet` covers testnet3, testnet4 and signet (they share `tb` and 0x6f/0xc4). */
export type BitcoinNetwork = 'mainnet' | 'testnet' | 'regtest'

/** A base58check Bitcoin address: pay to a public-key hash or to a script hash. */
export type BitcoinLegacyAddress = {
  readonly chain: 'bitcoin'
  readonly type: 'p2pkh' | 'p2sh'
  readonly network: BitcoinNetwork
  /** The address as stored: base58 is case-sensitive, so the input unchanged. */
  readonly normalized: string
  /** The 20-byte hash, lowercase hex. */
  readonly hash: string
}

/** A native segwit address (BIP-173 bech32 for v0, BIP-350 bech32m for v1..16). */
export type BitcoinSegwitAddress = {
  readonly chain: 'bitcoin'
  /** `witness_unknown`: a valid version/program that no soft fork defines yet (e.g. v2, or v1 not 32 bytes). */
  readonly type: 'p2wpkh' | 'p2wsh' | 'p2tr' | 'witness_unknown'
  readonly network: BitcoinNetwork
  /** The address as stored: lowercase. */
  readonly normalized: string
  readonly witnessVersion: number
  /** The 2..40-byte witness program, lowercase hex. */
  readonly program: string
}

export type BitcoinAddress = BitcoinLegacyAddress | BitcoinSegwitAddress

/** An EVM address (Ethereum and every EVM chain). */
export type EvmAddress = {
  readonly chain: 'ethereum'
  readonly type: 'evm'
  /** The address as stored: `0x` and 40 lowercase hex digits (see `toChecksumAddress` for display). */
  readonly normalized: string
}

/** A Tron address: base58check of 0x41 and a 20-byte hash. */
export type TronAddress = {
  readonly chain: 'tron'
  readonly type: 'tron'
  /** The address as stored: base58 is case-sensitive, so the input unchanged. */
  readonly normalized: string
  /** The 20-byte hash (the same key's EVM address), lowercase hex without 0x. */
  readonly hash: string
}

/** A validated address, tagged by `chain` and `type`. */
export type ParsedAddress = BitcoinAddress | EvmAddress | TronAddress

/** What kind of output or account an address names. */
export type AddressType = ParsedAddress['type']

/** The parsed address of one chain. */
export type ParsedAddressOf<C extends AddressChain> = Extract<ParsedAddress, { chain: C }>
