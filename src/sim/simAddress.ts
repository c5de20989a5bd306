import { hexToBytes } from '@noble/hashes/utils.js'
import { encodeBitcoinAddress } from '../chain/index.js'
import type { Rng } from './createRng.js'

/**
 * A fresh address drawn from `rng`: a lowercase EVM address, or a mainnet P2WPKH (bech32)
 * Bitcoin address, valid for the importer's address codec.
 */
export function simAddress(rng: Rng, chain: 'ethereum' | 'bitcoin'): string {
  if (chain === 'ethereum') return `0x${rng.hex(20)}`
  return encodeBitcoinAddress({
    network: 'mainnet',
    type: 'segwit',
    witnessVersion: 0,
    program: hexToBytes(rng.hex(20)),
  })
}
