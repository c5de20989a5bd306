import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { toChecksumAddress } from './index.js'

const spec = readFileSync(
  new URL('../../../../shared/specs/eip/eip-55.md', import.meta.url),
  'utf8',
)
// The checksummed addresses the EIP's reference code asserts: `test("0x…")`.
const vectors = [...spec.matchAll(/^test\("(0x[0-9a-fA-F]{40})"\)$/gm)].map(
  (match) => match[1] ?? '',
)

test.each(vectors)('default: %s', (address) => {
  expect(toChecksumAddress(address.toLowerCase())).toBe(address)
  expect(toChecksumAddress(address.toUpperCase().replace('0X', '0x'))).toBe(address)
  expect(toChecksumAddress(address)).toBe(address)
})

test('args: the example of the EIP', () => {
  const example = /> toChecksumAddress\('(0x[0-9a-f]{40})'\)\n'(0x[0-9a-fA-F]{40})'/.exec(spec)
  expect(example).not.toBeNull()
  expect(toChecksumAddress(example?.[1] ?? '')).toBe(example?.[2])
})

test('error: not an EVM address', () => {
  expect(() => toChecksumAddress('0x1234')).toThrowErrorMatchingInlineSnapshot(`
    [ChainwatchError: Address "0x1234" is not a valid EVM address.

    Chain: ethereum
    Input: 0x1234
    Docs: docs/errors.md#address.invalid
    Details: not 40 hex characters after 0x (got 4)]
  `)
})
