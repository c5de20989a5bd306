import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { parseOpenSanctions } from './parseOpenSanctions.js'

const fixture = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../test/fixtures/opensanctions/${name}`, import.meta.url)),
  )
const encode = (text: string) => new TextEncoder().encode(text)
const line = (entity: object) => JSON.stringify(entity)

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

test('default: the fixture', () => {
  expect(parseOpenSanctions(fixture('wallets.ftm.jsonl'))).toMatchInlineSnapshot(`
    {
      "entries": [
        {
          "address": "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
          "asset": "ETH",
          "category": "sanctioned",
          "chain": "ethereum",
          "confidence": 100,
          "entity": "LAZARUS GROUP",
          "entityId": "ofac-27307",
          "label": null,
          "programmes": [
            "DPRK3",
          ],
        },
        {
          "address": "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak",
          "asset": "XBT",
          "category": "sanctioned",
          "chain": "bitcoin",
          "confidence": 100,
          "entity": "TIAN, Yinyin",
          "entityId": "ofac-28263",
          "label": null,
          "programmes": [
            "DPRK3",
            "CYBER2",
          ],
        },
        {
          "address": "TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG",
          "asset": "TRX",
          "category": "sanctioned",
          "chain": "tron",
          "confidence": 100,
          "entity": "ofac-45349",
          "entityId": "ofac-45349",
          "label": null,
          "programmes": [
            "ILLICIT-DRUGS-EO14059",
          ],
        },
        {
          "address": "0x51e9d833ecae4e8d9d8be17300aee6d3398c135d",
          "asset": "ETH",
          "category": "stolen-funds",
          "chain": "ethereum",
          "confidence": 100,
          "entity": null,
          "entityId": "fbi-psa250226-wallet-51e9d833",
          "label": "Bybit theft (FBI PSA250226)",
          "programmes": [
            "hand_made_fbi_psa250226",
          ],
        },
      ],
      "publishedAt": "2025-02-27",
      "rejected": [
        {
          "input": "0x098B716B8Aaf21512996dC57EB0615e2383E2f97",
          "reason": "not a valid ethereum address: EIP-55 checksum mismatch (expected 0x098b716b8aaF21512996dC57eb0615E2383E2f97)",
          "where": "entity ofac-wallet-eth-badchecksum (line 8)",
        },
        {
          "input": "884Bz8UH63aYsjVdkfWfScRYWZGGNbjFL7pztqvWNSrtYT4reFSwyvkCj9KEGUtheHhhMUj87ciTBFyzoesrMJ4L1FvSoxL",
          "reason": "no codec for XMR",
          "where": "entity ofac-wallet-xmr-884bz8uh (line 9)",
        },
      ],
    }
  `)
})

test('args: confidence', () => {
  const list = parseOpenSanctions(fixture('wallets.ftm.jsonl'), { confidence: 80 })
  expect(list.entries.map((e) => e.confidence)).toEqual([80, 80, 80, 80])
  expect(() => parseOpenSanctions(fixture('wallets.ftm.jsonl'), { confidence: 101 })).toThrow(
    'Confidence must be an integer from 0 to 100.',
  )
})

describe('behavior: entities', () => {
  const wallet = (properties: object, extra: object = {}) =>
    line({ id: 'w', schema: 'CryptoWallet', properties, ...extra })

  test('a nested holder entity gives its name and topics', () => {
    const list = parseOpenSanctions(
      encode(
        wallet({
          publicKey: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
          holder: [
            { id: 'p', schema: 'Person', properties: { name: ['A B'], topics: ['crime.cyber'] } },
          ],
        }),
      ),
    )
    expect(list.entries[0]).toMatchObject({
      chain: 'tron',
      asset: null,
      entity: 'A B',
      entityId: 'p',
      category: 'hacker',
    })
  })

  test('a USDT wallet takes the chain of its address; no currency detects it', () => {
    const list = parseOpenSanctions(
      encode(
        [
          wallet({ publicKey: ['3E6ZCKRrsdPc35chA9Eftp1h3DLW18NFNV'], currency: ['USDT'] }),
          wallet({ publicKey: ['0xfec8a60023265364d066a1212fde3930f6ae8da7'] }, { id: 'w2' }),
        ].join('\n'),
      ),
    )
    expect(list.entries.map((e) => [e.chain, e.asset])).toEqual([
      ['bitcoin', 'USDT'],
      ['ethereum', null],
    ])
  })

  test('counter-sanctions do not make a wallet sanctioned', () => {
    const list = parseOpenSanctions(
      encode(
        [
          line({
            id: 'h',
            schema: 'Person',
            properties: { name: ['X'], topics: ['sanction.counter'] },
          }),
          line({ id: 's', schema: 'Sanction', properties: { entity: ['h'], program: ['RU-MFA'] } }),
          wallet({ publicKey: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'], holder: ['h'] }),
        ].join('\n'),
      ),
    )
    expect(list.entries[0]).toMatchObject({ category: 'other', programmes: ['RU-MFA'] })
  })

  test('a wallet without publicKey is rejected; CRLF and blank lines are fine', () => {
    const list = parseOpenSanctions(
      encode(
        `${wallet({ currency: ['ETH'] })}\r\n\r\n${wallet({ publicKey: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'] }, { id: 'w2' })}\r\n`,
      ),
    )
    expect(list.rejected).toEqual([
      { where: 'entity w (line 1)', input: 'w', reason: 'CryptoWallet has no publicKey' },
    ])
    expect(list.entries).toHaveLength(1)
    expect(list.publishedAt).toBeNull()
  })
})

describe('errors', () => {
  const invalid = (bytes: Uint8Array) => {
    const error = thrown(() => parseOpenSanctions(bytes, { file: 'x.jsonl' }))
    if (!isChainwatchError(error, 'list.invalid')) throw error
    return error.shortMessage
  }

  test('error: a truncated last line makes the whole file invalid, naming the line', () => {
    const lines = fixture('wallets-truncated.ftm.jsonl').toString('utf8').split('\n')
    expect(invalid(fixture('wallets-truncated.ftm.jsonl'))).toBe(
      `List file "x.jsonl" is malformed at line ${lines.length}: not JSON (Unterminated string in JSON at position 144).`,
    )
  })

  test.each([
    [
      'not an object',
      '[1,2]',
      'at line 1: not a FollowTheMoney entity (Invalid input: expected object',
    ],
    ['no schema', '{"id":"a"}', 'at line 1: not a FollowTheMoney entity (schema: Invalid input'],
    [
      'properties not lists',
      '{"id":"a","schema":"Person","properties":{"name":"X"}}',
      'at line 1: not a FollowTheMoney entity (properties.name: Invalid input',
    ],
    ['html', '<html><body>502 Bad Gateway</body></html>', 'at line 1: not JSON'],
  ])('error: %s', (_, text, message) => {
    expect(invalid(encode(text))).toContain(message)
  })
})

describe('behavior: hostile input', () => {
  test('100 MB of garbage', () => {
    const garbage = new Uint8Array(randomBytes(100 * 1024 * 1024))
    expect(
      isChainwatchError(
        thrown(() => parseOpenSanctions(garbage)),
        'list.invalid',
      ),
    ).toBe(true)
  })
})
