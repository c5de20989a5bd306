import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseAddress } from './index.js'

const ofac = new URL('../../../../shared/data/ofac-0xB10C/', import.meta.url)
const lines = (name: string): string[] =>
  readFileSync(new URL(name, ofac), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

// OFAC lists Tron addresses under TRX, under USDT (TRC-20) and, once, under XBT.
const tron = ['TRX', 'USDT', 'XBT'].flatMap((list) =>
  lines(`sanctioned_addresses_${list}.txt`).filter((line) => line.startsWith('T')),
)

/** The `details` of the error `parseAddress` throws for a Tron input. */
function reason(input: string): string {
  try {
    parseAddress({ chain: 'tron', input })
  } catch (error) {
    if (isChainwatchError(error, 'address.invalid')) return error.details ?? ''
    throw error
  }
  throw new Error(`${input} parsed`)
}

describe('OFAC sanctioned addresses', () => {
  test('default: all parse, unchanged, with a 20-byte hash', () => {
    const parsed = tron.map((input) => parseAddress({ chain: 'tron', input }))
    expect(parsed.map(({ normalized }) => normalized)).toEqual(tron)
    expect(parsed.every(({ hash }) => /^[0-9a-f]{40}$/.test(hash))).toBe(true)
  })
})

describe('errors', () => {
  const [address = ''] = tron

  test('error: bad checksum', () => {
    const last = address.at(-1) === 'a' ? 'b' : 'a'
    expect(reason(address.slice(0, -1) + last)).toBe('invalid base58check checksum')
  })

  test('error: a Bitcoin address', () => {
    const bitcoin = lines('sanctioned_addresses_XBT.txt').find((line) => line.length === 34) ?? ''
    expect(reason(bitcoin)).toBe('unknown version byte 0x00 (expected 0x41)')
  })

  test('error: hex form', () => {
    const { hash } = parseAddress({ chain: 'tron', input: address })
    expect(reason(`41${hash}`)).toBe('hex form (41…) is not accepted: use the base58 form (T…)')
  })

  test('error: wrong length', () => {
    expect(reason(address.slice(0, -1))).toBe('33 characters (a Tron address has 34)')
  })

  test('error: not base58', () => {
    expect(reason(`${address.slice(0, 5)}0${address.slice(6)}`)).toBe(
      'invalid base58 character "0" at position 5',
    )
  })
})
