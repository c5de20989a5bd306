import { expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { decodeListText } from './decodeListText.js'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

function message(input: Uint8Array): string {
  try {
    decodeListText(input, 'f.txt')
  } catch (error) {
    if (isChainwatchError(error, 'list.invalid')) return error.shortMessage
    throw error
  }
  throw new Error('expected an error')
}

test('default: UTF-8 without its BOM', () => {
  expect(decodeListText(bytes([0xef, 0xbb, 0xbf], 'Café\n'))).toBe('Café\n')
})

test.each([
  [
    'NUL',
    bytes('a\nb\n', [0]),
    'at line 3, byte 4: it holds a NUL byte (binary data, not a text list).',
  ],
  ['latin1', bytes('a\nCaf', [0xe9], '\n'), 'at line 2, byte 5: it is not UTF-8 text.'],
  // A real U+FFFD (EF BF BD) before the bad byte must not be mistaken for it.
  ['after U+FFFD', bytes('\uFFFD\n', [0xff]), 'at line 2, byte 4: it is not UTF-8 text.'],
  ['truncated sequence', bytes('ab', [0xe2, 0x82]), 'at line 1, byte 2: it is not UTF-8 text.'],
])('error: %s', (_, input, expected) => {
  expect(message(input)).toBe(`List file "f.txt" is malformed ${expected}`)
})
