import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { isChainwatchError } from '../../errors/index.js'
import { parseActorPack } from './parseActorPack.js'
import { parseTagPack } from './parseTagPack.js'

const tagpacks = fileURLToPath(
  new URL('../../../../shared/data/graphsense-tagpacks/', import.meta.url),
)
const packBytes = (name: string) => readFileSync(`${tagpacks}packs/${name}`)
const packText = (name: string) => readFileSync(`${tagpacks}packs/${name}`, 'utf8')
const actorPackText = readFileSync(`${tagpacks}actors/graphsense.actorpack.yaml`, 'utf8')
const actors = parseActorPack(Buffer.from(actorPackText))
const encode = (text: string) => new TextEncoder().encode(text)

/** An actor's label read straight from the actor pack's text, without our parser. */
function actorLabel(id: string): string {
  const match = actorPackText.match(new RegExp(`^- id: ${id}\\n  label: (.+)$`, 'm'))
  if (!match?.[1]) throw new Error(`actor ${id} not in the actor pack`)
  return match[1]
}

/** The addresses of a pack's tags with the given currency, read with a regex from the text. */
function addressesOf(name: string, currency: string): string[] {
  const pattern = new RegExp(`- address: '?([^'\\n]+?)'?\\n  currency: ${currency}\\n`, 'g')
  return [...packText(name).matchAll(pattern)].map((match) => match[1] ?? '')
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

describe('real packs', () => {
  test('lazarus.yaml: its BTC addresses, actor lazarusgroup resolved by the actor pack', () => {
    const list = parseTagPack(packBytes('lazarus.yaml'), { actors })
    const btc = addressesOf('lazarus.yaml', 'BTC')
    const eth = addressesOf('lazarus.yaml', 'ETH')
    // The data guide says "21 BTC": the pack holds 20 BTC tags and the Ronin exploiter's ETH one.
    expect(btc).toHaveLength(20)
    expect(eth).toEqual(['0x098B716B8Aaf21512996dC57EB0615e2383E2f96'])
    expect(list.rejected).toEqual([])
    expect(list.entries.filter((e) => e.chain === 'bitcoin').map((e) => e.address)).toEqual(btc)
    expect(list.entries.filter((e) => e.chain === 'ethereum').map((e) => e.address)).toEqual([
      '0x098b716b8aaf21512996dc57eb0615e2383e2f96',
    ])
    expect(actorLabel('lazarusgroup')).toBe('Lazarus Group')
    for (const entry of list.entries) {
      expect(entry).toMatchObject({
        category: 'sanctioned',
        entity: 'Lazarus Group',
        entityId: 'lazarusgroup',
        confidence: 60,
        label: 'Lazarus group',
        programmes: [],
      })
    }
    expect(list.publishedAt).toBe('2022-04-15')
  })

  test('lazarus.yaml without actors: the actor id stands for the name', () => {
    const [entry] = parseTagPack(packBytes('lazarus.yaml')).entries
    expect(entry).toMatchObject({ entity: 'lazarusgroup', entityId: 'lazarusgroup' })
  })

  test('tornado_cash.yaml: 39 tags, 38 distinct ETH addresses, all mixer', () => {
    const text = packText('tornado_cash.yaml')
    const tagged = [...text.matchAll(/- address: '(0x[0-9a-fA-F]{40}) ?'/g)].map((m) => m[1] ?? '')
    const distinct = [...new Set(tagged.map((address) => address.toLowerCase()))]
    expect(tagged).toHaveLength(39)
    // One pool is listed twice, the second time with a trailing space.
    expect(distinct).toHaveLength(38)
    const list = parseTagPack(packBytes('tornado_cash.yaml'), { actors })
    expect(list.rejected).toEqual([])
    expect(list.entries.map((e) => e.address)).toEqual(distinct)
    for (const entry of list.entries) {
      expect(entry).toMatchObject({
        chain: 'ethereum',
        asset: 'ETH',
        category: 'mixer',
        entityId: 'tornado',
        confidence: 60,
        label: 'tornado.cash',
      })
    }
    expect(list.publishedAt).toBe('2022-08-10')
  })

  test('ronin_bridge.yaml: 6 exploiter addresses, hacker, labels per tag', () => {
    const text = packText('ronin_bridge.yaml')
    const tags = [...text.matchAll(/- address: '(0x[0-9a-fA-F]{40})'\n {2}label: (.+)/g)]
    expect(tags).toHaveLength(6)
    const list = parseTagPack(packBytes('ronin_bridge.yaml'))
    expect(list.rejected).toEqual([])
    expect(list.entries.map((e) => [e.address, e.label])).toEqual(
      tags.map((m) => [(m[1] ?? '').toLowerCase(), m[2]]),
    )
    for (const entry of list.entries) {
      expect(entry).toMatchObject({
        chain: 'ethereum',
        category: 'hacker',
        entity: null,
        entityId: null,
        confidence: 50,
      })
    }
  })

  test('exchange-wallets-bybit.yaml: exchange, actor Bybit', () => {
    const list = parseTagPack(packBytes('exchange-wallets-bybit.yaml'), { actors })
    const btc = addressesOf('exchange-wallets-bybit.yaml', 'BTC')
    const eth = addressesOf('exchange-wallets-bybit.yaml', 'ETH')
    expect(list.entries).toHaveLength(btc.length + eth.length)
    expect(list.entries.map((e) => e.category)).toEqual(list.entries.map(() => 'exchange'))
    expect(list.entries[0]).toMatchObject({ entity: actorLabel('bybit'), entityId: 'bybit' })
  })

  test('ofac.yaml: a Tron address filed as BTC is rejected with its line', () => {
    const lines = packText('ofac.yaml').split('\n')
    const list = parseTagPack(packBytes('ofac.yaml'))
    const invalid = list.rejected.filter((r) => !r.reason.startsWith('no codec'))
    expect(invalid).toHaveLength(1)
    const [rejection] = invalid
    const line = Number(rejection?.where.replace('line ', ''))
    expect(lines[line - 1]).toBe(`- address: ${rejection?.input}`)
    expect(lines[line]).toBe('  currency: BTC')
    expect(rejection?.input).toMatch(/^T/)
    expect(rejection?.reason).toMatch(/^not a valid bitcoin address: unknown version byte 0x41/)
  })

  test('every real pack parses; rejections are the tags without a codec or a valid address', () => {
    const files = readdirSync(`${tagpacks}packs`).filter((f) => f.endsWith('.yaml'))
    expect(files).toHaveLength(30)
    let totalTags = 0
    let totalUsable = 0
    let totalEntries = 0
    for (const file of files) {
      const pack = parse(packText(file))
      const tags: { currency?: string }[] = pack.tags
      // Counted without our parser: the tags whose currency (own or header) has a codec.
      const usable = tags.filter((tag) =>
        ['BTC', 'ETH', 'TRX'].includes(String(tag.currency ?? pack.currency).toUpperCase()),
      ).length
      const list = parseTagPack(packBytes(file), { actors, file })
      const noCodec = list.rejected.filter((r) => /^(no codec|tag has no currency)/.test(r.reason))
      const badAddress = list.rejected.length - noCodec.length
      expect(noCodec, file).toHaveLength(tags.length - usable)
      // What is left is an entry, a rejected address, or an exact repeat of an earlier tag.
      expect(list.entries.length + badAddress, file).toBeLessThanOrEqual(usable)
      totalTags += tags.length
      totalUsable += usable
      totalEntries += list.entries.length
    }
    // Σ len(tags) over the 30 packs, counted once with PyYAML when the packs were copied.
    expect(totalTags).toBe(40278)
    expect(totalUsable).toBeGreaterThan(totalEntries)
  })
})

describe('behavior: fields', () => {
  const pack = (tags: string, header = '') =>
    encode(`title: t\ncreator: c\nconfidence: forensic\ncurrency: BTC\n${header}tags:\n${tags}`)

  test('tag fields override header fields', () => {
    const list = parseTagPack(
      pack(
        [
          '- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
          '- address: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
          '  currency: trx',
          '  label: own label',
          '  category: defi_dex',
          '  abuse: null',
          '  confidence: 90',
          '  actor: someone',
        ].join('\n'),
        'label: header label\nabuse: ransomware\n',
      ),
    )
    expect(list.entries).toEqual([
      {
        chain: 'bitcoin',
        address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
        asset: 'BTC',
        category: 'ransomware',
        entity: null,
        entityId: null,
        programmes: [],
        confidence: 50,
        label: 'header label',
      },
      {
        chain: 'tron',
        address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
        asset: 'TRX',
        // `abuse: null` does not clear the header's abuse: null means "not given" in a TagPack.
        category: 'ransomware',
        entity: 'someone',
        entityId: 'someone',
        programmes: [],
        confidence: 90,
        label: 'own label',
      },
    ])
  })

  test('network names the chain of a token currency', () => {
    const list = parseTagPack(
      pack(
        '- address: "0xdAC17F958D2ee523a2206206994597C13D831ec7"\n  currency: USDT\n  network: ETH\n',
      ),
    )
    expect(list.entries[0]).toMatchObject({ chain: 'ethereum', asset: 'USDT' })
  })

  test('rejections: no codec, no address, not a mapping, bad confidence, bad address', () => {
    const list = parseTagPack(
      pack(
        [
          '- address: LWnbjLYUfqeokfbWM4FcU7uk2FP2DSxuWS',
          '  currency: LTC',
          '- label: no address',
          '- just a string',
          '- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
          '  confidence: very_sure',
          '- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
          '- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
          '  label: [not, text]',
          '- address: 0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
          '  currency: ETH',
        ].join('\n'),
      ),
    )
    expect(list.entries).toEqual([])
    expect(list.rejected).toMatchInlineSnapshot(`
      [
        {
          "input": "LWnbjLYUfqeokfbWM4FcU7uk2FP2DSxuWS",
          "reason": "no codec for LTC",
          "where": "line 6",
        },
        {
          "input": "",
          "reason": "tag has no address",
          "where": "line 8",
        },
        {
          "input": "",
          "reason": "tag is not a mapping",
          "where": "line 9",
        },
        {
          "input": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
          "reason": "unknown confidence "very_sure"",
          "where": "line 10",
        },
        {
          "input": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
          "reason": "not a valid bitcoin address: invalid base58check checksum",
          "where": "line 12",
        },
        {
          "input": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
          "reason": "label is not text",
          "where": "line 13",
        },
        {
          "input": "5.449060080287666e+46",
          "reason": "address is a number: quote it in the YAML",
          "where": "line 15",
        },
      ]
    `)
  })

  test('YAML 1.1 timestamps and datetime strings give the date', () => {
    const stamp = encode('%YAML 1.1\n---\nlastmod: 2022-04-15\ncurrency: BTC\ntags: []\n')
    expect(parseTagPack(stamp).publishedAt).toBe('2022-04-15')
    expect(parseTagPack(packBytes('etherscan-wordcloud-exchange.yaml')).publishedAt).toBe(
      '2023-08-16',
    )
  })
})

describe('errors', () => {
  const invalid = (bytes: Uint8Array) => {
    const error = thrown(() => parseTagPack(bytes, { file: 'pack.yaml' }))
    if (!isChainwatchError(error, 'list.invalid')) throw error
    return error.shortMessage
  }

  test.each([
    ['a scalar', 'just text\n', 'is malformed: not a TagPack (not a YAML mapping).'],
    ['no tags', 'title: t\n', 'is malformed: not a TagPack (no "tags" list).'],
    [
      'tags not a list',
      'title: t\ntags: {a: 1}\n',
      'is malformed: not a TagPack (no "tags" list).',
    ],
    [
      'bad header confidence',
      'confidence: sure\ntags: []\n',
      'is malformed at header: unknown confidence "sure".',
    ],
    [
      'bad lastmod',
      'lastmod: yesterday\ntags: []\n',
      'is malformed at header: lastmod is not a date.',
    ],
    ['bad header field', 'label: {a: 1}\ntags: []\n', 'is malformed at header: label is not text.'],
    ['two documents', 'tags: []\n---\ntags: []\n', 'it holds more than one YAML document.'],
    ['empty', '', 'is malformed: it is empty.'],
    [
      'duplicate key',
      'tags: []\ntags: []\n',
      'is malformed at line 2: not YAML (Map keys must be unique).',
    ],
  ])('error: %s', (_, text, message) => {
    expect(invalid(encode(text))).toContain(message)
  })

  test('error: truncated YAML names the line', () => {
    const text = packText('ronin_bridge.yaml')
    const cut = text.slice(0, text.indexOf("'0x7E3167771BF23AC10930803589d1424903b36584") + 10)
    const line = cut.split('\n').length
    expect(invalid(encode(cut))).toBe(
      `List file "pack.yaml" is malformed at line ${line}: not YAML (Missing closing 'quote).`,
    )
  })
})

describe('behavior: hostile input', () => {
  test('alias bomb (billion laughs) is refused, not expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level)
      const name = String.fromCharCode(97 + level)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
    }
    const bomb = encode(`${levels.join('\n')}\ntags: []\n`)
    const error = thrown(() => parseTagPack(bomb))
    expect(isChainwatchError(error, 'list.invalid')).toBe(true)
    expect(String(error)).toContain('Excessive alias count')
  })

  test('nesting 100,000 levels deep is refused before the composer recurses', () => {
    const deep = encode(`tags: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)
    const error = thrown(() => parseTagPack(deep))
    expect(isChainwatchError(error, 'list.invalid')).toBe(true)
    expect(String(error)).toContain('at line 1: YAML nested more than 64 levels deep')
  })

  test('binary garbage', () => {
    const garbage = new Uint8Array(randomBytes(1024 * 1024))
    expect(
      isChainwatchError(
        thrown(() => parseTagPack(garbage)),
        'list.invalid',
      ),
    ).toBe(true)
  })

  test('100 MB of garbage is refused by size', () => {
    const garbage = new Uint8Array(randomBytes(100 * 1024 * 1024))
    const error = thrown(() => parseTagPack(garbage))
    expect(isChainwatchError(error, 'list.invalid')).toBe(true)
    expect(String(error)).toContain('larger than 33554432 bytes')
  })
})
