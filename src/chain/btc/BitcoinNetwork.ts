/** A Bitcoin network: it decides the address prefixes and the blk*.dat magic. */
export type BitcoinNetwork = 'mainnet' | 'testnet' | 'testnet4' | 'signet' | 'regtest'

export type BitcoinNetworkParams = {
  /** The 4 bytes that start every block record of a blk*.dat file (and every P2P message). */
  readonly magic: string
  /** Base58check version byte of P2PKH and P2SH addresses. */
  readonly pubKeyHash: number
  readonly scriptHash: number
  /** Human-readable part of segwit (bech32/bech32m) addresses. */
  readonly bech32: string
}

/** Address and framing parameters per network, as in Bitcoin Core's chainparams.cpp. */
export const bitcoinNetworks = {
  mainnet: { magic: 'f9beb4d9', pubKeyHash: 0x00, scriptHash: 0x05, bech32: 'bc' },
  testnet: { magic: '0b110907', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'tb' },
  testnet4: { magic: '1c163f28', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'tb' },
  signet: { magic: '0a03cf40', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'tb' },
  regtest: { magic: 'fabfb5da', pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'bcrt' },
} as const satisfies Record<BitcoinNetwork, BitcoinNetworkParams>

const networkNames: readonly BitcoinNetwork[] = [
  'mainnet',
  'testnet',
  'testnet4',
  'signet',
  'regtest',
]

/** The network whose blk*.dat magic is the first 4 bytes of `bytes`, or null. */
export function networkOfMagic(bytes: Uint8Array): BitcoinNetwork | null {
  if (bytes.length < 4) return null
  let hex = ''
  for (let i = 0; i < 4; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0')
  return networkNames.find((name) => bitcoinNetworks[name].magic === hex) ?? null
}
