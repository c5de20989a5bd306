import { sha256 } from '@noble/hashes/sha2.js'
import { bech32, bech32m, createBase58check } from '@scure/base'
import { ChainwatchError } from '../../errors/index.js'
import type { BitcoinNetwork } from './ParsedAddress.js'

const base58check = createBase58check(sha256)

export type EncodeBitcoinAddressParameters =
  | {
      readonly network: BitcoinNetwork
      readonly type: 'p2pkh' | 'p2sh'
      /** The 20-byte public-key or script hash. */
      readonly hash: Uint8Array
    }
  | {
      readonly network: BitcoinNetwork
      readonly type: 'segwit'
      /** 0..16; v0 is encoded with bech32, v1 and later with bech32m. */
      readonly witnessVersion: number
      /** The 2..40-byte witness program (20 or 32 bytes for v0). */
      readonly program: Uint8Array
    }

const versionBytes = {
  p2pkh: { mainnet: 0x00, testnet: 0x6f, regtest: 0x6f },
  p2sh: { mainnet: 0x05, testnet: 0xc4, regtest: 0xc4 },
} as const

const prefixes: Record<BitcoinNetwork, string> = { mainnet: 'bc', testnet: 'tb', regtest: 'bcrt' }

/**
 * The address of a standard output, from its hash (P2PKH, P2SH) or witness program (segwit),
 * in normalised form (the form `parseAddress` returns).
 *
 * @param params - {@link EncodeBitcoinAddressParameters}
 * @throws ChainwatchError `address.invalid` when the hash or program cannot form an address.
 * @example
 * encodeBitcoinAddress({ network: 'mainnet', type: 'segwit', witnessVersion: 1, program })
 * // 'bc1p…'
 */
export function encodeBitcoinAddress(params: EncodeBitcoinAddressParameters): string {
  if (params.type !== 'segwit') {
    const { network, type, hash } = params
    if (hash.length !== 20) throw cannotEncode(params, `hash is ${hash.length} bytes (must be 20)`)
    const payload = new Uint8Array(21)
    payload[0] = versionBytes[type][network]
    payload.set(hash, 1)
    return base58check.encode(payload)
  }
  const { network, witnessVersion, program } = params
  if (!Number.isInteger(witnessVersion) || witnessVersion < 0 || witnessVersion > 16) {
    throw cannotEncode(params, `invalid witness version ${witnessVersion} (must be 0 to 16)`)
  }
  if (program.length < 2 || program.length > 40) {
    throw cannotEncode(params, `invalid program length ${program.length} (must be 2 to 40 bytes)`)
  }
  if (witnessVersion === 0 && program.length !== 20 && program.length !== 32) {
    throw cannotEncode(
      params,
      `invalid program length ${program.length} for witness v0 (must be 20 or 32 bytes)`,
    )
  }
  const words = [witnessVersion, ...bech32.toWords(program)]
  const codec = witnessVersion === 0 ? bech32 : bech32m
  return codec.encode(prefixes[network], words)
}

function cannotEncode(
  params: EncodeBitcoinAddressParameters,
  reason: string,
): ChainwatchError<'address.invalid'> {
  return new ChainwatchError(
    'address.invalid',
    `Cannot encode a bitcoin ${params.network} ${params.type} address.`,
    { meta: { chain: 'bitcoin', network: params.network, type: params.type }, details: reason },
  )
}
