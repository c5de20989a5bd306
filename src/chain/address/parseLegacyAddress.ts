import { hex } from '@scure/base'
import { decodeBase58check } from './decodeBase58check.js'
import type { BitcoinLegacyAddress, BitcoinNetwork } from './ParsedAddress.js'

type LegacyVersion = { readonly type: BitcoinLegacyAddress['type']; readonly testnet: boolean }

// Testnet, signet and regtest share their base58 version bytes.
const versions: ReadonlyMap<number, LegacyVersion> = new Map([
  [0x00, { type: 'p2pkh', testnet: false }],
  [0x05, { type: 'p2sh', testnet: false }],
  [0x6f, { type: 'p2pkh', testnet: true }],
  [0xc4, { type: 'p2sh', testnet: true }],
])

/**
 * Parses a base58check P2PKH or P2SH address, or returns why it is not one. Without a required
 * `network`, a test-network address reports `testnet` (its bytes cannot tell regtest apart).
 */
export function parseLegacyAddress(
  input: string,
  network: BitcoinNetwork | undefined,
): BitcoinLegacyAddress | string {
  const payload = decodeBase58check(input, 21)
  if (typeof payload === 'string') return payload
  const versionByte = payload[0] ?? 0
  const version = versions.get(versionByte)
  if (version === undefined) {
    return `unknown version byte 0x${versionByte.toString(16).padStart(2, '0')} (expected 0x00 or 0x05 for mainnet, 0x6f or 0xc4 for testnet/regtest)`
  }
  let found: BitcoinNetwork = 'mainnet'
  if (version.testnet) found = network === 'regtest' ? 'regtest' : 'testnet'
  if (network !== undefined && found !== network) {
    return `network mismatch: a ${found} ${version.type} address, expected ${network}`
  }
  return {
    chain: 'bitcoin',
    type: version.type,
    network: found,
    normalized: input,
    hash: hex.encode(payload.subarray(1)),
  }
}
