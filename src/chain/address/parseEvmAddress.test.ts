import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseAddress, toChecksumAddress } from './index.js'

const shared = new URL('../../../../shared/', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, shared), 'utf8')
const lines = (path: string): string[] =>
  read(path)
    .split('\n')
    .filter((line) => line !== '')

/** The EIP's "Test Cases" block, by heading (`All caps`, `All Lower`, `Normal`). */
function eip55Vectors(): Record<string, string[]> {
  const spec = read('specs/eip/eip-55.md')
  const block = /# Test Cases\s+```([\s\S]*?)```/.exec(spec)?.[1] ?? ''
  const groups: Record<string, string[]> = {}
  let heading = ''
  for (const line of block.split('\n')) {
    if (line.startsWith('# ')) heading = line.slice(2)
    else if (line.startsWith('0x')) groups[heading] = [...(groups[heading] ?? []), line]
  }
  return groups
}

/** The `details` of the error `parseAddress` throws for an EVM input. */
function reason(input: string): string {
  try {
    parseAddress({ chain: 'ethereum', input })
  } catch (error) {
    if (isChainwatchError(error, 'address.invalid')) return error.details ?? ''
    throw error
  }
  throw new Error(`${input} parsed`)
}

/** Flips the case of the first letter, which EIP-55 must detect. */
function flipFirstLetter(address: string): string {
  const index = address.slice(2).search(/[a-fA-F]/) + 2
  const char = address.charAt(index)
  const flipped = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()
  return address.slice(0, index) + flipped + address.slice(index + 1)
}

describe('EIP-55 vectors', () => {
  const { 'All caps': caps = [], 'All Lower': lower = [], Normal: normal = [] } = eip55Vectors()

  test.each([...caps, ...lower, ...normal])('valid: %s', (input) => {
    expect(parseAddress({ chain: 'ethereum', input })).toEqual({
      chain: 'ethereum',
      type: 'evm',
      normalized: input.toLowerCase(),
    })
  })

  test.each(normal)('behavior: toChecksumAddress restores %s', (input) => {
    expect(toChecksumAddress(input.toLowerCase())).toBe(input)
  })

  test.each(normal)('error: %s with one letter case-flipped', (input) => {
    expect(reason(flipFirstLetter(input))).toBe(`EIP-55 checksum mismatch (expected ${input})`)
  })

  test('args: all-lowercase and all-uppercase vectors are present', () => {
    expect(caps.length * lower.length * normal.length).toBeGreaterThan(0)
  })
})

describe('real addresses', () => {
  // FBI PSA 250226 (Bybit hack, Lazarus): EIP-55 checksummed.
  const bybit = lines('data/lazarus/fbi_psa250226_bybit_51.txt')
  const ofac = ['ETH', 'USDT', 'USDC', 'ARB', 'BSC', 'ETC'].flatMap((list) =>
    lines(`data/ofac-0xB10C/sanctioned_addresses_${list}.txt`).filter((line) =>
      line.startsWith('0x'),
    ),
  )

  test('default: the Bybit hack addresses are checksummed and parse', () => {
    const normalized = bybit.map((input) => parseAddress({ chain: 'ethereum', input }).normalized)
    expect(normalized).toEqual(bybit.map((input) => input.toLowerCase()))
    expect(normalized.map(toChecksumAddress)).toEqual(bybit)
  })

  test('default: the OFAC EVM addresses parse', () => {
    const normalized = ofac.map((input) => parseAddress({ chain: 'ethereum', input }).normalized)
    expect(normalized).toEqual(ofac.map((input) => input.toLowerCase()))
  })
})

describe('errors', () => {
  const [address = ''] = eip55Vectors().Normal ?? []

  test('error: missing 0x prefix', () => {
    expect(reason(address.slice(2))).toBe('missing 0x prefix')
  })

  test('error: uppercase 0X prefix', () => {
    expect(reason(`0X${address.slice(2)}`)).toBe('prefix must be lowercase 0x')
  })

  test('error: too short', () => {
    expect(reason(address.slice(0, -1))).toBe('not 40 hex characters after 0x (got 39)')
  })

  test('error: too long', () => {
    expect(reason(`${address}00`)).toBe('not 40 hex characters after 0x (got 42)')
  })

  test('error: not hex', () => {
    expect(reason(`${address.slice(0, 10)}g${address.slice(11)}`)).toBe(
      'invalid hex character "g" at position 10',
    )
  })

  test('error: empty', () => {
    expect(reason('')).toBe('empty string')
  })
})
