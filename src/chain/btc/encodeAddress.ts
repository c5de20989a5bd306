import { encodeBitcoinAddress } from '../address/index.js'
import type { BitcoinNetwork } from './BitcoinNetwork.js'

/** testnet4 and signet share testnet's address prefixes; addresses know three networks. */
function addressNetwork(network: BitcoinNetwork): 'mainnet' | 'testnet' | 'regtest' {
  return network === 'mainnet' || network === 'regtest' ? network : 'testnet'
}

/** Base58check address of a 20-byte hash (P2PKH or P2SH) on `network`. */
export function encodeBase58Address(
  kind: 'pubKeyHash' | 'scriptHash',
  hash: Uint8Array,
  network: BitcoinNetwork,
): string {
  const type = kind === 'pubKeyHash' ? 'p2pkh' : 'p2sh'
  return encodeBitcoinAddress({ network: addressNetwork(network), type, hash })
}

/** Segwit address of a witness program: bech32 for version 0, bech32m for 1..16 (BIP 350). */
export function encodeSegwitAddress(
  version: number,
  program: Uint8Array,
  network: BitcoinNetwork,
): string {
  return encodeBitcoinAddress({
    network: addressNetwork(network),
    type: 'segwit',
    witnessVersion: version,
    program,
  })
}
