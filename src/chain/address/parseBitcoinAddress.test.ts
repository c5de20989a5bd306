import { readFileSync } from 'node:fs'
import { hex } from '@scure/base'
import { address as bitcoinjs } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseAddress } from './index.js'

const ofac = new URL('../../../../shared/data/ofac-0xB10C/', import.meta.url)
const lines = (name: string): string[] =>
  readFileSync(new URL(name, ofac), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

/** The `details` of the error `parseAddress` throws for a bitcoin input. */
function reason(input: string): string {
  try {
    parseAddress({ chain: 'bitcoin', input })
  } catch (error) {
    if (isChainwatchError(error, 'address.invalid')) return error.details ?? ''
    throw error
  }
  throw new Error(`${input} parsed`)
}

describe('OFAC sanctioned addresses', () => {
  const xbt = lines('sanctioned_addresses_XBT.txt')
  // The OFAC XBT list also carries a Tron address (T…); see parseTronAddress.test.ts.
  const bitcoin = xbt.filter((address) => !address.startsWith('T'))
  // USDT on the Omni layer uses Bitcoin addresses.
  const usdt = lines('sanctioned_addresses_USDT.txt').filter((address) => /^[13]/.test(address))

  test('default: all parse as mainnet, normalised', () => {
    const all = [...bitcoin, ...usdt]
    const normalized = all.map(
      (input) => parseAddress({ chain: 'bitcoin', input, network: 'mainnet' }).normalized,
    )
    expect(normalized).toEqual(
      all.map((input) => (input.startsWith('bc1') ? input.toLowerCase() : input)),
    )
  })

  // Independent of the decoder: the leading characters and length tell the type (BIP-173 says
  // v0 addresses have 42 or 62 characters).
  const expectedType = (address: string): string => {
    if (address.startsWith('1')) return 'p2pkh'
    if (address.startsWith('3')) return 'p2sh'
    if (address.startsWith('bc1q')) return address.length === 42 ? 'p2wpkh' : 'p2wsh'
    return address.startsWith('bc1p') && address.length === 62 ? 'p2tr' : 'witness_unknown'
  }

  test('default: types', () => {
    const types = bitcoin.map((input) => [input, parseAddress({ chain: 'bitcoin', input }).type])
    expect(types).toEqual(bitcoin.map((input) => [input, expectedType(input)]))
  })
  // bitcoinjs-lib is an independent decoder: both must read the same hash or witness program.
  test('behavior: agrees with bitcoinjs-lib', () => {
    const ours = bitcoin.map((input) => {
      const parsed = parseAddress({ chain: 'bitcoin', input })
      return 'hash' in parsed ? parsed.hash : `${parsed.witnessVersion}:${parsed.program}`
    })
    const theirs = bitcoin.map((input) => {
      if (!input.startsWith('bc1')) return hex.encode(bitcoinjs.fromBase58Check(input).hash)
      const { version, data } = bitcoinjs.fromBech32(input)
      return `${version}:${hex.encode(data)}`
    })
    expect(ours).toEqual(theirs)
  })
})

describe('errors', () => {
  test('error: empty', () => {
    expect(reason('')).toBe('empty string')
  })

  test('error: too long', () => {
    const [address = ''] = lines('sanctioned_addresses_XBT.txt').filter((line) =>
      line.startsWith('bc1'),
    )
    expect(reason(address.repeat(3))).toMatch(/^too long: \d+ characters/)
  })

  test('error: an EVM address', () => {
    const [address = ''] = lines('sanctioned_addresses_ETH.txt')
    expect(reason(address)).toBe('invalid base58 character "0" at position 0')
  })

  test('error: uppercase bech32 HRP with lowercase data', () => {
    const [address = ''] = lines('sanctioned_addresses_XBT.txt').filter((line) =>
      line.startsWith('bc1'),
    )
    expect(reason(`BC1${address.slice(3)}`)).toMatch(/^mixed case/)
  })
})
