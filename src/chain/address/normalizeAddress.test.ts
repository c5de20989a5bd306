import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { normalizeAddress } from './index.js'

const ofac = new URL('../../../../shared/data/ofac-0xB10C/', import.meta.url)
const lines = (list: string): string[] =>
  readFileSync(new URL(`sanctioned_addresses_${list}.txt`, ofac), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

test('default: bech32 lowercase, base58 unchanged', () => {
  const xbt = lines('XBT').filter((line) => !line.startsWith('T'))
  const upper = xbt.map((address) => (address.startsWith('bc1') ? address.toUpperCase() : address))
  expect(upper.map((address) => normalizeAddress('bitcoin', address))).toEqual(xbt)
})

test('default: EVM lowercase', () => {
  const eth = lines('ETH')
  expect(eth.map((address) => normalizeAddress('ethereum', address))).toEqual(
    eth.map((address) => address.toLowerCase()),
  )
})

test('default: Tron unchanged', () => {
  const trx = lines('TRX')
  expect(trx.map((address) => normalizeAddress('tron', address))).toEqual(trx)
})

test('error: invalid', () => {
  expect(() => normalizeAddress('ethereum', lines('TRX')[0] ?? '')).toThrow(
    expect.objectContaining({ code: 'address.invalid', details: 'missing 0x prefix' }),
  )
})
