import { sha256 } from '@noble/hashes/sha2.js'
import { base58check, bech32, bech32m } from '@scure/base'
import { type BitcoinNetwork, bitcoinNetworks } from './BitcoinNetwork.js'

const base58 = base58check(sha256)

/** Base58check address of a 20-byte hash (P2PKH or P2SH) on `network`. */
export function encodeBase58Address(
  kind: 'pubKeyHash' | 'scriptHash',
  hash: Uint8Array,
  network: BitcoinNetwork,
): string {
  const payload = new Uint8Array(1 + hash.length)
  payload[0] = bitcoinNetworks[network][kind]
  payload.set(hash, 1)
  return base58.encode(payload)
}

/** Segwit address of a witness program: bech32 for version 0, bech32m for 1..16 (BIP 350). */
export function encodeSegwitAddress(
  version: number,
  program: Uint8Array,
  network: BitcoinNetwork,
): string {
  const coder = version === 0 ? bech32 : bech32m
  return coder.encode(bitcoinNetworks[network].bech32, [version, ...coder.toWords(program)])
}
