import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { type ParseAddressListParameters, parseAddressList } from './parseAddressList.js'

const data = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url))
const encode = (text: string) => new TextEncoder().encode(text)
const stolen: ParseAddressListParameters = { category: 'stolen-funds', confidence: 90 }

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

/** EIP-55, written out here so that the test does not lean on the codec it checks. */
function hasValidChecksum(address: string): boolean {
  const hex = address.slice(2)
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true
  const hash = keccak_256(new TextEncoder().encode(hex.toLowerCase()))
  return [...hex].every((char, i) => {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf
    return (
      /[0-9]/.test(char) ||
      (nibble >= 8 ? char === char.toUpperCase() : char === char.toLowerCase())
    )
  })
}

describe('real lists', () => {
  test('FBI PSA250226: all 51 addresses, ethereum, lowercase', () => {
    const path = data('lazarus/fbi_psa250226_bybit_51.txt')
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
    expect(lines).toHaveLength(51)
    const list = parseAddressList(readFileSync(path), {
      ...stolen,
      label: 'FBI PSA250226 (Bybit)',
      entity: 'TraderTraitor',
    })
    expect(list.rejected).toEqual([])
    expect(list.publishedAt).toBeNull()
    expect(list.entries).toEqual(
      lines.map((line) => ({
        chain: 'ethereum',
        address: line.trim().toLowerCase(),
        asset: null,
        category: 'stolen-funds',
        entity: 'TraderTraitor',
        entityId: null,
        programmes: [],
        confidence: 90,
        label: 'FBI PSA250226 (Bybit)',
      })),
    )
  })

  test('args: chain (FBI list as bitcoin: nothing valid, so the file is refused)', () => {
    const bytes = readFileSync(data('lazarus/fbi_psa250226_bybit_51.txt'))
    expect(parseAddressList(bytes, { ...stolen, chain: 'ethereum' }).entries).toHaveLength(51)
    const error = thrown(() => parseAddressList(bytes, { ...stolen, chain: 'bitcoin' }))
    expect(isChainwatchError(error, 'list.invalid')).toBe(true)
    expect(String(error)).toContain('at line 1: no line holds a valid address (51 rejected; first:')
  })

  const etherscan = readdirSync(data('etherscan-labels/accounts')).filter((f) => f.endsWith('.csv'))

  test.each(etherscan)('etherscan labels: %s', (file) => {
    const path = data(`etherscan-labels/accounts/${file}`)
    // Read without a CSV parser: `index,address,name tag,…`, the tag quoted when it holds commas.
    const rows = readFileSync(path, 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.match(/^\d+,(0x[0-9a-f]{40}),("([^"]*)"|[^,]*),/))
    const pairs = rows.map((m) => `${m?.[1]} ${(m?.[3] ?? m?.[2] ?? '').trim()}`)
    const distinct = [...new Set(pairs)]
    const list = parseAddressList(readFileSync(path), { category: 'other', confidence: 20 })
    expect(list.rejected).toEqual([])
    expect(list.entries.map((e) => `${e.address} ${e.label ?? ''}`)).toEqual(distinct)
  })

  test('etherscan labels: a quoted tag keeps its comma', () => {
    const list = parseAddressList(
      readFileSync(data('etherscan-labels/accounts/tornado-cash.csv')),
      {
        category: 'mixer',
        confidence: 20,
      },
    )
    expect(list.entries.map((e) => e.label)).toContain('Tornado.Cash: 1,000 DAI')
  })

  test('forta malicious labels: banned_address column; bad EIP-55 checksums rejected by line', () => {
    const path = data('forta-labelled-datasets/1_etherscan_malicious_labels.csv')
    const lines = readFileSync(path, 'utf8').split('\n')
    expect(lines[0]).toBe('banned_address,wallet_tag,data_source')
    const rows = lines
      .map((line, index) => ({
        line: index + 1,
        match: line.match(/^(0x[0-9a-fA-F]{40}),("([^"]*)"|[^,]*),/),
      }))
      .filter(({ match }) => match !== null)
    const bad = rows.filter(({ match }) => !hasValidChecksum(match?.[1] ?? ''))
    const good = rows.filter(({ match }) => hasValidChecksum(match?.[1] ?? ''))
    const distinct = [
      ...new Set(
        good.map(
          ({ match }) => `${match?.[1]?.toLowerCase()} ${(match?.[3] ?? match?.[2])?.trim()}`,
        ),
      ),
    ]
    const list = parseAddressList(readFileSync(path), { category: 'scam', confidence: 20 })
    expect(bad.length).toBeGreaterThan(0)
    expect(list.rejected.map((r) => [r.where, r.input])).toEqual(
      bad.map(({ line, match }) => [`line ${line}`, match?.[1]]),
    )
    expect(list.rejected[0]?.reason).toMatch(
      /^not a valid ethereum address: EIP-55 checksum mismatch/,
    )
    expect(list.entries.map((e) => `${e.address} ${e.label ?? ''}`)).toEqual(distinct)
  })
})

describe('behavior: text lists', () => {
  test('comments, blank lines, CRLF, a lone header, chains detected per address', () => {
    const text = [
      '# Hand-made list',
      'address',
      '',
      '0x098B716B8Aaf21512996dC57EB0615e2383E2f96\r',
      '  BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4  ',
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      '0x098B716B8Aaf21512996dC57EB0615e2383E2f97',
      'not an address',
      '# done',
    ].join('\n')
    const list = parseAddressList(encode(text), stolen)
    expect(list.entries.map((e) => [e.chain, e.address])).toEqual([
      ['ethereum', '0x098b716b8aaf21512996dc57eb0615e2383e2f96'],
      ['bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
      ['tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ])
    expect(list.rejected).toMatchInlineSnapshot(`
      [
        {
          "input": "0x098B716B8Aaf21512996dC57EB0615e2383E2f97",
          "reason": "not a valid ethereum address: EIP-55 checksum mismatch (expected 0x098b716b8aaF21512996dC57eb0615E2383E2f97)",
          "where": "line 7",
        },
        {
          "input": "not an address",
          "reason": "not a valid bitcoin address: invalid base58 character " " at position 3",
          "where": "line 8",
        },
      ]
    `)
  })

  test('exact repeats are kept once', () => {
    const address = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96'
    const list = parseAddressList(encode(`${address}\n${address.toLowerCase()}\n`), stolen)
    expect(list.entries).toHaveLength(1)
  })
})

describe('errors', () => {
  const invalid = (bytes: Uint8Array, params: ParseAddressListParameters = stolen) => {
    const error = thrown(() => parseAddressList(bytes, { ...params, file: 'list.csv' }))
    if (!isChainwatchError(error, 'list.invalid')) throw error
    return error.shortMessage
  }
  const header = ',Address,Name Tag,Balance,Txn Count'
  const row = '0,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,Binance,0.08230919 ETH,17017624'

  test.each([
    [
      'a row with 13 columns',
      `${header}\n${row}\n1,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,a,b,c,d,e,f,g,h,i,j,k\n`,
      'at line 3: not a valid CSV (the row has 13 columns, the header 5).',
    ],
    [
      'an unclosed quote',
      `${header}\n${row}\n1,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,"Binance,0 ETH,1\n`,
      'at line 3: not a valid CSV (Quote Not Closed: the parsing is finished with an opening quote).',
    ],
    [
      'no address column',
      'id,name\n1,Binance\n',
      'at line 1: the CSV header names no address column (expected one of address, addr, banned_address, wallet, wallet_address).',
    ],
    [
      'an HTML error page',
      '<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>\n',
      'at line 1: no line holds a valid address (5 rejected; first:',
    ],
    ['only comments', '# nothing yet\n\n', 'is malformed: it holds no address.'],
    ['empty', '', 'is malformed: it holds no address.'],
  ])('error: %s', (_, text, message) => {
    expect(invalid(encode(text))).toContain(message)
  })

  test('error: NUL byte names line and byte', () => {
    const bytes = encode(`${header}\n${row}\n\0\0\0`)
    expect(invalid(bytes)).toBe(
      `List file "list.csv" is malformed at line 3, byte ${header.length + row.length + 2}: it holds a NUL byte (binary data, not a text list).`,
    )
  })

  test('error: latin1 text names line and byte', () => {
    const bytes = Buffer.concat([
      encode(`${header}\n0,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,Caf`),
      Buffer.from([0xe9]),
      encode(',0 ETH,1\n'),
    ])
    expect(invalid(bytes)).toBe(
      `List file "list.csv" is malformed at line 2, byte ${header.length + 1 + 48}: it is not UTF-8 text.`,
    )
  })

  test('error: bad parameters', () => {
    const bytes = encode('0x098B716B8Aaf21512996dC57EB0615e2383E2f96\n')
    const notCategory = thrown(() =>
      parseAddressList(bytes, { ...stolen, category: JSON.parse('"evil"') }),
    )
    expect(isChainwatchError(notCategory, 'input.invalid')).toBe(true)
    const notConfidence = thrown(() => parseAddressList(bytes, { ...stolen, confidence: 0.5 }))
    expect(isChainwatchError(notConfidence, 'input.invalid')).toBe(true)
  })
})

describe('behavior: hostile input', () => {
  test('100 MB of garbage', () => {
    const garbage = new Uint8Array(randomBytes(100 * 1024 * 1024))
    expect(
      isChainwatchError(
        thrown(() => parseAddressList(garbage, stolen)),
        'list.invalid',
      ),
    ).toBe(true)
  })
})
