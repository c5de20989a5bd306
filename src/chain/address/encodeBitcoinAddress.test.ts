import { readFileSync } from 'node:fs'
import { hex } from '@scure/base'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { encodeBitcoinAddress, parseAddress } from './index.js'

const shared = new URL('../../../../shared/', import.meta.url)
const bitcoinjs = z
  .object({
    standard: z.array(
      z.object({
        network: z.string(),
        version: z.number(),
        hash: z.string().optional(),
        base58check: z.string().optional(),
        bech32: z.string().optional(),
        data: z.string().optional(),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(new URL('data/bitcoinjs-fixtures/address.json', shared), 'utf8')))
const xbt = readFileSync(new URL('data/ofac-0xB10C/sanctioned_addresses_XBT.txt', shared), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('T'))

const networks = { bitcoin: 'mainnet', testnet: 'testnet', regtest: 'regtest' } as const
const isBitcoinNetwork = (name: string): name is keyof typeof networks =>
  Object.hasOwn(networks, name)

describe('bitcoinjs fixtures', () => {
  const cases = bitcoinjs.standard.flatMap((entry) => {
    const { network } = entry
    return isBitcoinNetwork(network) ? [{ ...entry, network: networks[network] }] : []
  })

  test.each(cases)('default: $base58check$bech32', (entry) => {
    const { network, version, hash, base58check, bech32, data } = entry
    if (hash !== undefined && base58check !== undefined) {
      const type = version === 0 || version === 0x6f ? 'p2pkh' : 'p2sh'
      expect(encodeBitcoinAddress({ network, type, hash: hex.decode(hash) })).toBe(base58check)
    } else {
      const program = hex.decode(data ?? '')
      const encoded = encodeBitcoinAddress({
        network,
        type: 'segwit',
        witnessVersion: version,
        program,
      })
      expect(encoded).toBe(bech32?.toLowerCase())
    }
  })
})

test('behavior: round trip of the OFAC XBT list', () => {
  const encoded = xbt.map((input) => {
    const parsed = parseAddress({ chain: 'bitcoin', input })
    const { network } = parsed
    if ('hash' in parsed) {
      const type = parsed.type
      return encodeBitcoinAddress({ network, type, hash: hex.decode(parsed.hash) })
    }
    const { witnessVersion, program } = parsed
    return encodeBitcoinAddress({
      network,
      type: 'segwit',
      witnessVersion,
      program: hex.decode(program),
    })
  })
  expect(encoded).toEqual(
    xbt.map((input) => (input.startsWith('bc1') ? input.toLowerCase() : input)),
  )
})

describe('errors', () => {
  test('error: hash length', () => {
    expect(() =>
      encodeBitcoinAddress({ network: 'mainnet', type: 'p2pkh', hash: new Uint8Array(19) }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Cannot encode a bitcoin mainnet p2pkh address.

      Chain: bitcoin
      Network: mainnet
      Type: p2pkh
      Docs: docs/errors.md#address.invalid
      Details: hash is 19 bytes (must be 20)]
    `)
  })

  test('error: witness v0 program length', () => {
    const program = new Uint8Array(19)
    expect(() =>
      encodeBitcoinAddress({ network: 'testnet', type: 'segwit', witnessVersion: 0, program }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Cannot encode a bitcoin testnet segwit address.

      Chain: bitcoin
      Network: testnet
      Type: segwit
      Docs: docs/errors.md#address.invalid
      Details: invalid program length 19 for witness v0 (must be 20 or 32 bytes)]
    `)
  })

  test('error: witness version', () => {
    const program = new Uint8Array(32)
    expect(() =>
      encodeBitcoinAddress({ network: 'mainnet', type: 'segwit', witnessVersion: 17, program }),
    ).toThrow(expect.objectContaining({ details: 'invalid witness version 17 (must be 0 to 16)' }))
  })

  test('error: program length', () => {
    const program = new Uint8Array(41)
    expect(() =>
      encodeBitcoinAddress({ network: 'mainnet', type: 'segwit', witnessVersion: 1, program }),
    ).toThrow(
      expect.objectContaining({ details: 'invalid program length 41 (must be 2 to 40 bytes)' }),
    )
  })
})
