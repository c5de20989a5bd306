import { expect, test } from 'vitest'
import { parseBitcoinJson, satoshiOf } from './bitcoinJson.js'

test('satoshiOf: BTC amounts as Bitcoin Core and re-serialisers write them, exactly', () => {
  expect(satoshiOf('0.00000001')).toBe(1n)
  expect(satoshiOf('50.00000000')).toBe(5_000_000_000n)
  expect(satoshiOf('50.0')).toBe(5_000_000_000n)
  expect(satoshiOf(50)).toBe(5_000_000_000n)
  expect(satoshiOf('1e-05')).toBe(1000n)
  expect(satoshiOf('1.5E+2')).toBe(15_000_000_000n)
  // Past 2^53 satoshi a double would round; the text does not.
  expect(satoshiOf('20999999.97690001')).toBe(2_099_999_997_690_001n)
  expect(satoshiOf('0.100000000')).toBe(10_000_000n)
})

test('satoshiOf: refuses sub-satoshi precision, negatives and non-numbers', () => {
  for (const bad of ['0.000000001', '-1.0', 'NaN', '', '1.']) {
    expect(() => satoshiOf(bad), bad).toThrow(/is not a BTC amount/)
  }
})

test('parseBitcoinJson keeps decimals as text and leaves strings alone', () => {
  const text =
    '[{"id":1,"result":{"value":0.1,"n":3,"tiny":1e-05,"asm":"OP_RETURN 0.5 \\"2.5\\"","neg":-2.25},"error":null}]'
  expect(parseBitcoinJson(text)).toEqual([
    {
      id: 1,
      result: { value: '0.1', n: 3, tiny: '1e-05', asm: 'OP_RETURN 0.5 "2.5"', neg: '-2.25' },
      error: null,
    },
  ])
  expect(() => parseBitcoinJson('[{"id":1,"result":')).toThrow(SyntaxError)
})
