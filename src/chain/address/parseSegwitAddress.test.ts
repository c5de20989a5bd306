import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { isChainwatchError } from '../../errors/index.js'
import { type BitcoinNetwork, parseAddress } from './index.js'

const shared = new URL('../../../../shared/', import.meta.url)
const bip173 = readFileSync(new URL('specs/bips/bip-0173.mediawiki', shared), 'utf8')
const bip350 = readFileSync(new URL('specs/bips/bip-0350.mediawiki', shared), 'utf8')
const bitcoinjs = z
  .object({
    standard: z.array(
      z.object({
        network: z.string(),
        version: z.number(),
        bech32: z.string().optional(),
        data: z.string().optional(),
      }),
    ),
    bech32: z.array(
      z.object({ address: z.string(), version: z.number(), prefix: z.string(), data: z.string() }),
    ),
    invalid: z.object({
      bech32: z.array(z.object({ address: z.string(), exception: z.string() })),
      toOutputScript: z.array(
        z.object({
          address: z.string(),
          exception: z.string().optional(),
          paymentException: z.string().optional(),
          network: z.object({ bech32: z.string() }).optional(),
        }),
      ),
    }),
  })
  .parse(JSON.parse(readFileSync(new URL('data/bitcoinjs-fixtures/address.json', shared), 'utf8')))

type Vector = { readonly value: string; readonly note: string }

/** The `* <tt>…</tt>: note` list items between two headings of a BIP. */
function vectors(text: string, from: string, to: string): Vector[] {
  const start = text.indexOf(from)
  const end = text.indexOf(to, start)
  expect(start).toBeGreaterThanOrEqual(0)
  expect(end).toBeGreaterThan(start)
  const block = text.slice(start, end)
  const pattern =
    /^\* (?:0x([0-9A-F]{2}) \+ )?<tt>([^<]*)<\/tt>(?: \+ 0x([0-9A-F]{2}))?:?[ \t]*(.*)$/gm
  const found = [...block.matchAll(pattern)].map((match) => ({
    value: byte(match[1]) + (match[2] ?? '') + byte(match[3]),
    note: match[4] ?? '',
  }))
  // Every list item of the section was understood.
  expect(found).toHaveLength(block.split('\n').filter((line) => line.startsWith('* ')).length)
  return found
}

function byte(hexByte: string | undefined): string {
  return hexByte === undefined ? '' : String.fromCharCode(Number.parseInt(hexByte, 16))
}

/** Witness version and program of a segwit scriptPubKey: OP_n, a push, the program. */
function fromScript(script: string): { witnessVersion: number; program: string } {
  const opcode = Number.parseInt(script.slice(0, 2), 16)
  return { witnessVersion: opcode === 0 ? 0 : opcode - 0x50, program: script.slice(4) }
}

const networks: Record<string, BitcoinNetwork> = {
  bc: 'mainnet',
  tb: 'testnet',
  bcrt: 'regtest',
  bitcoin: 'mainnet',
  testnet: 'testnet',
  regtest: 'regtest',
}

function networkOf(address: string): BitcoinNetwork | undefined {
  const lower = address.toLowerCase()
  return networks[lower.slice(0, lower.lastIndexOf('1'))]
}

/** Output types by witness version and program length (BIP-141, BIP-341). */
function typeOf(witnessVersion: number, program: string): string {
  if (witnessVersion === 0) return program.length === 40 ? 'p2wpkh' : 'p2wsh'
  return witnessVersion === 1 && program.length === 64 ? 'p2tr' : 'witness_unknown'
}

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

// Each reason the BIPs give, and the reason our decoder must report for it.
const specReasons: Record<string, RegExp> = {
  'Invalid human-readable part': /^unknown human-readable part "tc"/,
  'Invalid checksum': /^invalid checksum/,
  'Invalid checksum (Bech32 instead of Bech32m)': /requires bech32m \(BIP-350\), got bech32$/,
  'Invalid checksum (Bech32m instead of Bech32)': /requires bech32 \(BIP-173\), got bech32m$/,
  'Invalid character in checksum': /^invalid bech32 character "[bio]"/,
  'Invalid witness version': /^invalid witness version 17/,
  'Invalid program length': /^invalid program length (1|41) \(must be 2 to 40 bytes\)$/,
  'Invalid program length (1 byte)': /^invalid program length 1 \(must be 2 to 40 bytes\)$/,
  'Invalid program length (41 bytes)': /^invalid program length 41 \(must be 2 to 40 bytes\)$/,
  'Invalid program length for witness version 0 (per BIP141)':
    /^invalid program length 16 for witness v0/,
  'Mixed case': /^mixed case/,
  'zero padding of more than 4 bits': /more than 4 bits of padding/,
  'Non-zero padding in 8-to-5 conversion': /non-zero padding bits/,
  'Empty data section': /^empty data part/,
}

describe('BIP-350 segwit vectors', () => {
  const valid = vectors(
    bip350,
    'The following list gives valid segwit addresses',
    'The following list gives invalid segwit addresses',
  )
  const invalid = vectors(bip350, 'The following list gives invalid segwit addresses', '==Appendix')

  test.each(valid)('valid: $value', ({ value, note }) => {
    const script = /<tt>([0-9a-f]+)<\/tt>/.exec(note)?.[1] ?? ''
    const { witnessVersion, program } = fromScript(script)
    expect(parseAddress({ chain: 'bitcoin', input: value })).toEqual({
      chain: 'bitcoin',
      type: typeOf(witnessVersion, program),
      network: networkOf(value),
      normalized: value.toLowerCase(),
      witnessVersion,
      program,
    })
  })

  test.each(invalid)('error: $value ($note)', ({ value, note }) => {
    expect(specReasons[note]).toBeDefined()
    expect(reason(value)).toMatch(specReasons[note] ?? /^$/)
  })
})

describe('BIP-173 segwit vectors', () => {
  const valid = vectors(
    bip173,
    'The following list gives valid segwit addresses',
    'The following list gives invalid segwit addresses',
  )
  const invalid = vectors(
    bip173,
    'The following list gives invalid segwit addresses',
    '===Checksum design===',
  )
  const script = (note: string) => /<tt>([0-9a-f]+)<\/tt>/.exec(note)?.[1] ?? ''
  const v0 = valid.filter(({ note }) => fromScript(script(note)).witnessVersion === 0)
  const v1plus = valid.filter(({ note }) => fromScript(script(note)).witnessVersion !== 0)

  test.each(v0)('valid: $value', ({ value, note }) => {
    const parsed = parseAddress({ chain: 'bitcoin', input: value })
    expect(parsed).toMatchObject({ ...fromScript(script(note)), normalized: value.toLowerCase() })
  })

  // BIP-350 replaced bech32 by bech32m for v1+: these BIP-173 examples are no longer valid.
  test.each(v1plus)('error: $value is bech32 with witness v1+', ({ value }) => {
    expect(reason(value)).toMatch(/requires bech32m \(BIP-350\), got bech32$/)
  })

  test.each(invalid)('error: $value ($note)', ({ value, note }) => {
    expect(specReasons[note]).toBeDefined()
    expect(reason(value)).toMatch(specReasons[note] ?? /^$/)
  })
})

describe('bech32 and bech32m string vectors', () => {
  const validStrings = [
    ...vectors(bip173, 'The following strings are valid Bech32:', 'The following string are not'),
    ...vectors(bip350, 'The following strings are valid Bech32m:', 'The following string are not'),
  ]
  const invalidStrings = [
    ...vectors(bip173, 'The following string are not valid Bech32', 'The following list gives'),
    ...vectors(bip350, 'The following string are not valid Bech32m', '===Test vectors for v0'),
  ]

  // Valid checksummed strings, but their human-readable parts are not Bitcoin's.
  test.each(validStrings)('error: $value is not a bitcoin address', ({ value }) => {
    expect(reason(value)).toMatch(/^unknown human-readable part/)
  })

  test.each(invalidStrings)('error: $value ($note)', ({ value }) => {
    expect(() => parseAddress({ chain: 'bitcoin', input: value })).toThrow(
      expect.objectContaining({ code: 'address.invalid' }),
    )
  })
})

test('error: a Unicode character that lowercases to a bech32 one', () => {
  const [valid] = vectors(
    bip350,
    'The following list gives valid segwit addresses',
    'The following list gives invalid segwit addresses',
  )
  const upper = valid?.value.toUpperCase() ?? ''
  const index = upper.indexOf('K')
  expect(index).toBeGreaterThan(0)
  // U+212A KELVIN SIGN lowercases to "k".
  const kelvin = `${upper.slice(0, index)}\u212a${upper.slice(index + 1)}`
  expect(kelvin.toLowerCase()).toBe(upper.toLowerCase())
  expect(reason(kelvin)).toBe(`invalid character "\u212a" at position ${index}`)
})

describe('bitcoinjs fixtures', () => {
  const standard = bitcoinjs.standard.flatMap(({ network, version, bech32, data }) =>
    bech32 === undefined || data === undefined ? [] : [{ network, version, bech32, data }],
  )

  test.each(standard)('valid: $bech32', ({ network, version, bech32, data }) => {
    expect(parseAddress({ chain: 'bitcoin', input: bech32 })).toMatchObject({
      network: networks[network],
      witnessVersion: version,
      program: data,
      normalized: bech32.toLowerCase(),
    })
  })

  test.each(bitcoinjs.bech32)('valid: $address', ({ address, version, prefix, data }) => {
    expect(parseAddress({ chain: 'bitcoin', input: address })).toMatchObject({
      network: networks[prefix],
      witnessVersion: version,
      program: data,
    })
  })

  test.each(bitcoinjs.invalid.bech32)('error: $address ($exception)', ({ address }) => {
    expect(reason(address)).not.toBe('')
  })

  // bitcoinjs also rejects what it cannot turn into a payment; keep the address-level cases.
  const toOutputScript = bitcoinjs.invalid.toOutputScript.filter(
    ({ network, paymentException }) =>
      paymentException === undefined &&
      (network === undefined || networks[network.bech32] !== undefined),
  )
  test.each(toOutputScript)('error: $address ($exception)', ({ address }) => {
    expect(reason(address)).not.toBe('')
  })

  // Whether a 32-byte v1 program is a valid x-only key is a question for spending, not for the address.
  const paymentOnly = bitcoinjs.invalid.toOutputScript.filter(
    ({ paymentException }) => paymentException !== undefined,
  )
  test.each(paymentOnly)('behavior: $address is a valid address', ({ address }) => {
    expect(parseAddress({ chain: 'bitcoin', input: address }).type).toBe('p2tr')
  })
})
