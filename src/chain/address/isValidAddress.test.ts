import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { isValidAddress } from './index.js'

const ofac = new URL('../../../../shared/data/ofac-0xB10C/', import.meta.url)
const lines = (list: string): string[] =>
  readFileSync(new URL(`sanctioned_addresses_${list}.txt`, ofac), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

test('default', () => {
  const eth = lines('ETH')
  expect(eth.every((address) => isValidAddress('ethereum', address))).toBe(true)
  expect(eth.some((address) => isValidAddress('bitcoin', address))).toBe(false)
  expect(eth.some((address) => isValidAddress('tron', address))).toBe(false)
})

test('behavior: any bitcoin network', () => {
  const testnet = 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7'
  expect(isValidAddress('bitcoin', testnet)).toBe(true)
})

test('behavior: does not throw', () => {
  expect(isValidAddress('tron', '')).toBe(false)
  expect(isValidAddress('bitcoin', 'x'.repeat(10_000))).toBe(false)
})
