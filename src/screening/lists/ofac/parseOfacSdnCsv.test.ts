import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { detectAddressChain } from '../../../chain/index.js'
import { isChainwatchError } from '../../../errors/index.js'
import { parseOfacSdnCsv } from './parseOfacSdnCsv.js'

const data = (path: string) =>
  fileURLToPath(new URL(`../../../../../shared/data/${path}`, import.meta.url))
const bytes = (path: string) => readFileSync(data(path))

const files = {
  sdn: bytes('ofac-official/sdn.csv'),
  // The overflow rows that continue all 18 Remarks the 2024-05-03 sdn.csv cuts (see below).
  comments: bytes('ofac-official/watchman/sdn_comments_2025-02.csv'),
  add: bytes('ofac-official/add.csv'),
  alt: bytes('ofac-official/alt.csv'),
}
const list = parseOfacSdnCsv(files)

/** An independent reading of an OFAC CSV: csv-parse, latin-1, the trailing Ctrl-Z dropped. */
function rows(path: string): string[][] {
  const raw = readFileSync(data(path), 'latin1')
  const text = raw.endsWith('\u001a') ? raw.slice(0, -1) : raw
  return parse(text, { relax_column_count: false })
}
const sdnRows = rows('ofac-official/sdn.csv')
const remarksOf = (row: string[]) => (row[11] === '-0- ' ? '' : (row[11] ?? ''))
/** ent_num → Remarks joined with their overflow, wherever a Remark is at the 1,000 cap. */
function joinedRemarks(commentsPath: string): Map<string, string> {
  const overflow = new Map(rows(commentsPath).map((r) => [r[0] ?? '', r[1] ?? '']))
  return new Map(
    sdnRows.map((row) => {
      const remarks = remarksOf(row)
      const extra = remarks.length >= 1000 ? (overflow.get(row[0] ?? '') ?? '') : ''
      return [row[0] ?? '', remarks + extra]
    }),
  )
}
const joined = joinedRemarks('ofac-official/watchman/sdn_comments_2025-02.csv')
const evmLower = (address: string) => (address.startsWith('0x') ? address.toLowerCase() : address)
/** Distinct (ent_num, ticker, address) of every `Digital Currency Address - TICKER` in the text. */
function designations(ticker: string): Set<string> {
  const found = new Set<string>()
  const pattern = new RegExp(`Digital Currency Address - ${ticker} ([^;\\s]+)`, 'g')
  for (const [entNum, remarks] of joined) {
    for (const match of remarks.matchAll(pattern)) {
      found.add(`${entNum} ${evmLower((match[1] ?? '').replace(/\.$/, ''))}`)
    }
  }
  return found
}
const extracted = (ticker: string) => [
  ...list.entries.filter((e) => e.asset === ticker).map((e) => `${e.entityId} ${e.address}`),
  ...list.rejected
    .filter((r) => r.input.startsWith(`${ticker} `))
    .map((r) => `${r.where.replace('ent_num ', '')} ${evmLower(r.input.slice(ticker.length + 1))}`),
]

describe('real sdn.csv 2024-05-03 + sdn_comments 2025-02 + add.csv + alt.csv', () => {
  test('default: every record read', () => {
    expect(list.records).toBe(sdnRows.length)
    expect(list.publishedAt).toBe(null)
  })

  test.each(['XBT', 'ETH'])(
    'default: %s addresses equal an independent count of the raw text',
    (ticker) => {
      const expected = designations(ticker)
      expect(expected.size).toBeGreaterThan(100)
      expect(new Set(extracted(ticker))).toEqual(expected)
      expect(extracted(ticker)).toHaveLength(expected.size)
      // Every XBT and ETH address of this file passes its chain's codec.
      expect(list.rejected.filter((r) => r.input.startsWith(`${ticker} `))).toEqual([])
    },
  )

  test('default: LAZARUS GROUP (ent_num 27307) carries its addresses, programme DPRK3', () => {
    const lazarus = list.entries.filter((e) => e.entityId === '27307')
    const expected = [
      ...(joined.get('27307') ?? '').matchAll(
        /Digital Currency Address - ETH (0x[0-9a-fA-F]{40})/g,
      ),
    ].map((m) => (m[1] ?? '').toLowerCase())
    expect(expected.length).toBeGreaterThan(0)
    expect(lazarus.map((e) => e.address)).toEqual(expected)
    expect(
      lazarus.find((e) => e.address === '0x098b716b8aaf21512996dc57eb0615e2383e2f96'),
    ).toMatchInlineSnapshot(`
        {
          "address": "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
          "asset": "ETH",
          "category": "sanctioned",
          "chain": "ethereum",
          "confidence": 100,
          "entity": "LAZARUS GROUP",
          "entityId": "27307",
          "label": "country: Korea, North",
          "programmes": [
            "DPRK3",
          ],
        }
      `)
  })

  test('default: none of the 51 FBI PSA 250226 (Bybit) addresses is on the list', () => {
    const fbi = readFileSync(data('lazarus/fbi_psa250226_bybit_51.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '')
    expect(fbi).toHaveLength(51)
    const listed = new Set([
      ...list.entries.map((e) => e.address),
      ...list.rejected.map((r) => r.input.toLowerCase()),
    ])
    expect(fbi.filter((address) => listed.has(address))).toEqual([])
  })

  test('behavior: an address cut by the 1,000-character cap is joined whole', () => {
    const overflow = new Map(
      rows('ofac-official/watchman/sdn_comments_2025-02.csv').map((r) => [r[0] ?? '', r[1] ?? '']),
    )
    const straddling = sdnRows.flatMap((row) => {
      const cut = /Digital Currency Address - ([A-Z]+) (\S+)$/.exec(remarksOf(row))
      const rest = /^[^;\s]*/.exec(overflow.get(row[0] ?? '') ?? '')?.[0] ?? ''
      return cut && rest !== ''
        ? [{ entityId: row[0], asset: cut[1], address: evmLower(`${cut[2]}${rest}`) }]
        : []
    })
    expect(straddling.length).toBeGreaterThan(0)
    for (const expected of straddling)
      expect(list.entries).toContainEqual(expect.objectContaining(expected))
  })

  test('behavior: Tron address under XBT is kept as tron, asset XBT', () => {
    const tron = list.entries.filter((e) => e.asset === 'XBT' && e.chain !== 'bitcoin')
    expect(tron.map((e) => [e.entityId, e.chain, e.address])).toEqual(
      [...designations('XBT')]
        .map((d) => d.split(' '))
        .filter(([, address]) => !detectAddressChain(address ?? '').includes('bitcoin'))
        .map(([entNum, address]) => [entNum, 'tron', address]),
    )
  })

  test('behavior: tickers without a codec are rejected with their ent_num, not dropped', () => {
    const noCodec = list.rejected.filter((r) => r.reason.startsWith('no codec for'))
    for (const ticker of ['LTC', 'XMR', 'ZEC', 'DASH', 'BCH']) {
      expect(noCodec.filter((r) => r.input.startsWith(`${ticker} `)).length).toBe(
        designations(ticker).size,
      )
    }
    expect(noCodec.every((r) => /^ent_num \d+$/.test(r.where))).toBe(true)
  })

  test('behavior: overflow rows from another publication are reported, not joined', () => {
    const sdnEntNums = new Map(sdnRows.map((r) => [r[0] ?? '', remarksOf(r).length]))
    const foreign = rows('ofac-official/watchman/sdn_comments_2025-02.csv')
      .map((r) => r[0] ?? '')
      .filter((entNum) => (sdnEntNums.get(entNum) ?? 0) < 1000)
    expect(foreign.length).toBeGreaterThan(0)
    expect(
      list.rejected
        .filter((r) => r.where.startsWith('sdn_comments.csv'))
        .map((r) => r.where)
        .sort(),
    ).toEqual(foreign.map((entNum) => `sdn_comments.csv ent_num ${entNum}`).sort())
  })

  test('behavior: sdn_comments 2025-12 lacks a row for a cut Remark, which is reported', () => {
    const later = parseOfacSdnCsv({
      sdn: files.sdn,
      comments: bytes('ofac-official/watchman/sdn_comments_2025-12.csv'),
    })
    const continued = new Set(
      rows('ofac-official/watchman/sdn_comments_2025-12.csv').map((r) => r[0]),
    )
    const uncontinued = sdnRows.filter((r) => remarksOf(r).length >= 1000 && !continued.has(r[0]))
    expect(uncontinued.length).toBeGreaterThan(0)
    expect(
      later.rejected.filter((r) => r.reason.startsWith('Remarks cut')).map((r) => r.where),
    ).toEqual(uncontinued.map((r) => `ent_num ${r[0]}`))
  })

  test('behavior: without sdn_comments every cut Remark is reported and cut addresses fail their codec', () => {
    const alone = parseOfacSdnCsv({ sdn: files.sdn })
    const cut = sdnRows.filter((r) => remarksOf(r).length >= 1000)
    expect(alone.rejected.filter((r) => r.reason.startsWith('Remarks cut')).length).toBe(cut.length)
    expect(alone.entries.length).toBeLessThan(list.entries.length)
    expect(alone.rejected).toContainEqual(
      expect.objectContaining({
        where: 'ent_num 37070',
        reason: expect.stringMatching(/^invalid bitcoin address/),
      }),
    )
  })

  test('args: publishedAt and fileNames', () => {
    const dated = parseOfacSdnCsv({ sdn: files.sdn, publishedAt: '2024-05-03' })
    expect(dated.publishedAt).toBe('2024-05-03')
    expect(() => parseOfacSdnCsv({ sdn: files.sdn, publishedAt: '05/03/2024' })).toThrow(
      'publishedAt "05/03/2024" is not an ISO date (YYYY-MM-DD).',
    )
    expect(() =>
      parseOfacSdnCsv({ sdn: Buffer.from('1,"a"\r\n'), fileNames: { sdn: '/tmp/SDN.CSV' } }),
    ).toThrow('/tmp/SDN.CSV line 1: 2 columns, expected 12.')
  })
})

describe('errors', () => {
  const expectListInvalid = (run: () => unknown, message: string) => {
    let caught: unknown
    try {
      run()
    } catch (error) {
      caught = error
    }
    expect(isChainwatchError(caught, 'list.invalid')).toBe(true)
    expect(isChainwatchError(caught) ? caught.shortMessage : caught).toBe(message)
  }
  const realLines = readFileSync(data('ofac-official/sdn.csv'), 'latin1').split('\r\n')
  const withLine = (index: number, edit: (line: string) => string) =>
    Buffer.from(
      realLines.map((line, i) => (i === index ? edit(line) : line)).join('\r\n'),
      'latin1',
    )

  test('error: a record with 13 columns', () => {
    expectListInvalid(
      () => parseOfacSdnCsv({ ...files, sdn: withLine(99, (line) => `${line},"extra"`) }),
      'sdn.csv line 100: 13 or more columns, expected 12.',
    )
  })

  test('error: broken quoting', () => {
    expectListInvalid(
      () =>
        parseOfacSdnCsv({ ...files, sdn: withLine(4, (line) => line.replace('"CUBA"', '"CUBA')) }),
      'sdn.csv line 5: quoted field opened here runs to line 6, where "C" follows its closing quote.',
    )
  })

  test('error: an ent_num twice', () => {
    expectListInvalid(
      () =>
        parseOfacSdnCsv({
          sdn: Buffer.from(`${realLines[0]}\r\n${realLines[1]}\r\n${realLines[0]}\r\n`, 'latin1'),
        }),
      'sdn.csv line 3: ent_num 36 repeated.',
    )
  })

  test('error: malformed companion file names that file', () => {
    expectListInvalid(
      () => parseOfacSdnCsv({ ...files, comments: Buffer.from('27307,"a","b"\r\n') }),
      'sdn_comments.csv line 1: 3 or more columns, expected 2.',
    )
  })

  test('error: UTF-16', () => {
    expectListInvalid(
      () =>
        parseOfacSdnCsv({
          sdn: Buffer.from(`\ufeff${realLines.slice(0, 3).join('\r\n')}`, 'utf16le'),
        }),
      'sdn.csv line 1: UTF-16 text (byte-order mark); expected latin-1 or UTF-8.',
    )
  })

  test('error: NUL garbage', () => {
    expectListInvalid(
      () => parseOfacSdnCsv({ sdn: Buffer.from([0x31, 0x00, 0xff, 0x00, 0x13]) }),
      'sdn.csv line 1: NUL byte (UTF-16 or binary data?) at offset 1; not a text file.',
    )
  })

  test('error: 100 MB of garbage fails at its first bytes', () => {
    // A 64 KiB pseudo-random block repeated: the same bytes every run, built in milliseconds.
    const block = Buffer.alloc(64 * 1024)
    let state = 0x9e3779b9
    for (let i = 0; i < block.length; i += 4) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      block.writeUInt32LE(state, i)
    }
    const garbage = Buffer.alloc(100 * 1024 * 1024, block)
    expect(() => parseOfacSdnCsv({ sdn: garbage })).toThrow(/^sdn\.csv line 1: /)
    // Printable garbage without control bytes stops at the 1 MiB field limit.
    expectListInvalid(
      () => parseOfacSdnCsv({ sdn: Buffer.alloc(100 * 1024 * 1024, 'A') }),
      'sdn.csv line 1: field longer than 1 MiB.',
    )
  })
})
