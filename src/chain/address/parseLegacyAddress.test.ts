import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { isChainwatchError } from '../../errors/index.js'
import { parseAddress } from './index.js'

const shared = new URL('../../../../shared/', import.meta.url)
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`data/bitcoinjs-fixtures/${name}`, shared), 'utf8'))

// Bitcoin Core's vectors: [base58, hex payload, { isPrivkey, isTestnet, addrType? }].
const coreValid = z
  .array(
    z.tuple([
      z.string(),
      z.string(),
      z.object({ isPrivkey: z.boolean(), isTestnet: z.boolean(), addrType: z.string().optional() }),
    ]),
  )
  .parse(fixture('core_base58_keys_valid.json'))
const coreInvalid = z.array(z.tuple([z.string()])).parse(fixture('core_base58_keys_invalid.json'))
const bitcoinjs = z
  .object({
    standard: z.array(
      z.object({
        network: z.string(),
        version: z.number(),
        hash: z.string().optional(),
        base58check: z.string().optional(),
      }),
    ),
    invalid: z.object({
      fromBase58Check: z.array(z.object({ address: z.string(), exception: z.string() })),
    }),
  })
  .parse(fixture('address.json'))

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

describe('Bitcoin Core base58 vectors', () => {
  const addresses = coreValid
    .filter(([, , meta]) => !meta.isPrivkey)
    .map(([base58, hash, meta]) => ({ base58, hash, ...meta }))
  const privateKeys = coreValid.filter(([, , meta]) => meta.isPrivkey).map(([base58]) => base58)

  test.each(addresses)('valid: $base58', ({ base58, hash, addrType, isTestnet }) => {
    expect(parseAddress({ chain: 'bitcoin', input: base58 })).toEqual({
      chain: 'bitcoin',
      type: addrType === 'pubkey' ? 'p2pkh' : 'p2sh',
      network: isTestnet ? 'testnet' : 'mainnet',
      normalized: base58,
      hash,
    })
  })

  // WIF private keys are valid base58check, but not addresses.
  test.each(privateKeys)('error: private key %s', (wif) => {
    expect(reason(wif)).not.toBe('')
  })

  test.each(coreInvalid.map(([input]) => input))('error: %j', (input) => {
    expect(reason(input)).not.toBe('')
  })
})

describe('bitcoinjs fixtures', () => {
  const base58 = bitcoinjs.standard.flatMap(({ network, version, hash, base58check }) =>
    hash === undefined || base58check === undefined
      ? []
      : [{ network, version, hash, base58check }],
  )
  const bitcoin = base58.filter(({ network }) => network === 'bitcoin' || network === 'testnet')
  const otherChains = base58.filter(({ network }) => network !== 'bitcoin' && network !== 'testnet')

  test.each(bitcoin)('valid: $base58check', ({ network, version, hash, base58check }) => {
    expect(parseAddress({ chain: 'bitcoin', input: base58check })).toMatchObject({
      network: network === 'bitcoin' ? 'mainnet' : 'testnet',
      type: version === 0 || version === 0x6f ? 'p2pkh' : 'p2sh',
      hash,
      normalized: base58check,
    })
  })

  test.each(otherChains)('error: $network $base58check', ({ version, base58check }) => {
    expect(reason(base58check)).toMatch(
      new RegExp(`^unknown version byte 0x${version.toString(16).padStart(2, '0')} `),
    )
  })

  test.each(bitcoinjs.invalid.fromBase58Check)('error: $address ($exception)', ({ address }) => {
    expect(reason(address)).toMatch(/^decodes to \d+ bytes \(expected 25/)
  })
})

describe('behavior: network', () => {
  const [mainnet, testnet] = [
    coreValid.find(([, , meta]) => !meta.isPrivkey && !meta.isTestnet),
    coreValid.find(([, , meta]) => !meta.isPrivkey && meta.isTestnet),
  ]

  test('args: network regtest accepts test-network version bytes', () => {
    const input = testnet?.[0] ?? ''
    expect(parseAddress({ chain: 'bitcoin', input, network: 'regtest' }).network).toBe('regtest')
    expect(parseAddress({ chain: 'bitcoin', input, network: 'testnet' }).network).toBe('testnet')
  })

  test('error: network mismatch', () => {
    const input = mainnet?.[0] ?? ''
    expect(() => parseAddress({ chain: 'bitcoin', input, network: 'testnet' })).toThrow(
      expect.objectContaining({
        details: expect.stringMatching(
          /^network mismatch: a mainnet p2\w+ address, expected testnet$/,
        ),
      }),
    )
  })
})

test('error: bad checksum', () => {
  const [address = ''] = coreValid.find(([, , meta]) => !meta.isPrivkey) ?? []
  // Change one character: base58check must notice.
  const last = address.at(-1) === 'a' ? 'b' : 'a'
  expect(reason(address.slice(0, -1) + last)).toBe('invalid base58check checksum')
})
