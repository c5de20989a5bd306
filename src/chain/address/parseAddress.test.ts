import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseAddress } from './index.js'

const shared = new URL('../../../../shared/', import.meta.url)
const lines = (path: string): string[] =>
  readFileSync(new URL(path, shared), 'utf8')
    .split('\n')
    .filter((line) => line !== '')

const [bybit = ''] = lines('data/lazarus/fbi_psa250226_bybit_51.txt')
const [trx = ''] = lines('data/ofac-0xB10C/sanctioned_addresses_TRX.txt')
const xbt = lines('data/ofac-0xB10C/sanctioned_addresses_XBT.txt')
const segwit = xbt.find((line) => line.startsWith('bc1q')) ?? ''
const legacy = xbt.find((line) => line.startsWith('1')) ?? ''

describe('default', () => {
  test('bitcoin segwit, uppercase', () => {
    expect(parseAddress({ chain: 'bitcoin', input: segwit.toUpperCase() })).toMatchInlineSnapshot(`
      {
        "chain": "bitcoin",
        "network": "mainnet",
        "normalized": "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw",
        "program": "7d3b65b5a92e3350faf78c168825548eeac7679e",
        "type": "p2wpkh",
        "witnessVersion": 0,
      }
    `)
  })

  test('bitcoin base58', () => {
    expect(parseAddress({ chain: 'bitcoin', input: legacy })).toMatchInlineSnapshot(`
      {
        "chain": "bitcoin",
        "hash": "0b7150fd660ab4bfebbdf2364d64b266cf2bc1dd",
        "network": "mainnet",
        "normalized": "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX",
        "type": "p2pkh",
      }
    `)
  })

  test('ethereum', () => {
    expect(parseAddress({ chain: 'ethereum', input: bybit })).toMatchInlineSnapshot(`
      {
        "chain": "ethereum",
        "normalized": "0x51e9d833ecae4e8d9d8be17300aee6d3398c135d",
        "type": "evm",
      }
    `)
  })

  test('tron', () => {
    expect(parseAddress({ chain: 'tron', input: trx })).toMatchInlineSnapshot(`
      {
        "chain": "tron",
        "hash": "0e6b8e34dc115a2848f585851af23d99d09b8463",
        "normalized": "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre",
        "type": "tron",
      }
    `)
  })
})

describe('errors', () => {
  test('error: bech32 checksum on a witness v1 address (BIP-350 vector)', () => {
    const input = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd'
    expect(() => parseAddress({ chain: 'bitcoin', input })).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Address "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd" is not a valid bitcoin address.

      Chain: bitcoin
      Input: bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd
      Docs: docs/errors.md#address.invalid
      Details: wrong checksum encoding: witness v1 requires bech32m (BIP-350), got bech32]
    `)
  })

  test('error: network mismatch', () => {
    const input = 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7'
    expect(() =>
      parseAddress({ chain: 'bitcoin', input, network: 'mainnet' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Address "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7" is not a valid bitcoin mainnet address.

      Chain: bitcoin
      Network: mainnet
      Input: tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7
      Docs: docs/errors.md#address.invalid
      Details: network mismatch: a testnet address (prefix "tb"), expected mainnet]
    `)
  })

  test('error: EIP-55 checksum mismatch', () => {
    const input = bybit.replace(/[a-f]/, (char) => char.toUpperCase())
    expect(() => parseAddress({ chain: 'ethereum', input })).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Address "0x51E9D833Ecae4E8D9D8Be17300AEE6D3398C135D" is not a valid EVM address.

      Chain: ethereum
      Input: 0x51E9D833Ecae4E8D9D8Be17300AEE6D3398C135D
      Docs: docs/errors.md#address.invalid
      Details: EIP-55 checksum mismatch (expected 0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D)]
    `)
  })

  test('error: huge hostile input is cut and escaped', () => {
    const input = `${trx}\nERROR forged log line${'x'.repeat(1_000_000)}`
    expect(() => parseAddress({ chain: 'tron', input })).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Address "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\\u000aERROR forged log linexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000056 characters)" is not a valid Tron address.

      Chain: tron
      Input: TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\\u000aERROR forged log linexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000056 characters)
      Docs: docs/errors.md#address.invalid
      Details: 1000056 characters (a Tron address has 34)]
    `)
  })

  test('error: toJSON', () => {
    try {
      parseAddress({ chain: 'tron', input: legacy })
      expect.unreachable()
    } catch (error) {
      expect(JSON.parse(JSON.stringify(error))).toMatchInlineSnapshot(`
        {
          "code": "address.invalid",
          "details": "unknown version byte 0x00 (expected 0x41)",
          "message": "Address "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX" is not a valid Tron address.",
          "meta": {
            "chain": "tron",
            "input": "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX",
          },
        }
      `)
    }
  })
})
