import { describe, expect, test } from 'vitest'
import { decodeListText } from './decodeListText.js'

const decode = (bytes: Uint8Array) => decodeListText({ bytes, file: 'sdn.csv' })

describe('valid', () => {
  test.each([
    { name: 'trailing Ctrl-Z dropped', bytes: Buffer.from('1,"a"\r\n\x1a'), text: '1,"a"\r\n' },
    {
      name: 'Ctrl-Z then a line break',
      bytes: Buffer.from('1,"a"\r\n\x1a\r\n'),
      text: '1,"a"\r\n',
    },
    {
      name: 'latin-1 when not UTF-8',
      bytes: Buffer.from('1,"Jos\xe9"\r\n', 'latin1'),
      text: '1,"José"\r\n',
    },
    { name: 'UTF-8 when valid', bytes: Buffer.from('1,"José"\r\n', 'utf8'), text: '1,"José"\r\n' },
    {
      name: 'UTF-8 byte-order mark',
      bytes: Buffer.from('\ufeff1,"José"\r\n', 'utf8'),
      text: '1,"José"\r\n',
    },
  ])('$name', ({ bytes, text }) => {
    expect(decode(bytes)).toBe(text)
  })
})

describe('errors', () => {
  test.each([
    {
      name: 'UTF-16 LE',
      bytes: Buffer.from('\ufeff1,"a"\r\n', 'utf16le'),
      message: 'sdn.csv line 1: UTF-16 text (byte-order mark); expected latin-1 or UTF-8.',
    },
    {
      name: 'UTF-16 without a byte-order mark',
      bytes: Buffer.from('1,"a"\r\n', 'utf16le'),
      message: 'sdn.csv line 1: NUL byte (UTF-16 or binary data?) at offset 1; not a text file.',
    },
    {
      name: 'NUL on line 2',
      bytes: Buffer.from('1,"a"\r\n2,"\0"\r\n'),
      message: 'sdn.csv line 2: NUL byte (UTF-16 or binary data?) at offset 10; not a text file.',
    },
    {
      name: 'control byte',
      bytes: Buffer.from('1,"a\x07"\r\n'),
      message: 'sdn.csv line 1: control byte 0x07 at offset 4; not a text file.',
    },
    {
      name: 'Ctrl-Z not at the end',
      bytes: Buffer.from('1,"a"\x1a\r\n2,"b"\r\n'),
      message: 'sdn.csv line 1: control byte 0x1a at offset 5; not a text file.',
    },
  ])('error: $name', ({ bytes, message }) => {
    expect(() => decode(bytes)).toThrow(message)
  })
})
