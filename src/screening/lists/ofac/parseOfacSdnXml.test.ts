import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parseOfacSdnCsv } from './parseOfacSdnCsv.js'
import { parseOfacSdnXml } from './parseOfacSdnXml.js'

const shared = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../../shared/data/${path}`, import.meta.url)))
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/ofac/${name}`, import.meta.url)))

describe('real consolidated list 2018-04-06 (classic sdnList schema)', () => {
  const bytes = shared('ofac-official/consolidated_2018-04-06_classic_sdnList.xml')
  const text = bytes.toString('utf8')

  test('default: every entry read, Record_Count and Publish_Date as the file states', () => {
    const list = parseOfacSdnXml(bytes)
    const entries = text.match(/<sdnEntry>/g)?.length
    const recordCount = Number(/<Record_Count>(\d+)<\/Record_Count>/.exec(text)?.[1])
    const [, month, day, year] = /<Publish_Date>(\d\d)\/(\d\d)\/(\d{4})</.exec(text) ?? []
    expect(list.records).toBe(entries)
    expect(list.records).toBe(recordCount)
    expect(list.publishedAt).toBe(`${year}-${month}-${day}`)
    // The 2018 non-SDN consolidated list predates OFAC's digital currency addresses.
    expect(text.includes('Digital Currency Address')).toBe(false)
    expect(list.entries).toEqual([])
    expect(list.rejected).toEqual([])
  })
})

describe('fixture: classic sdnList with digital currency addresses', () => {
  const list = parseOfacSdnXml(fixture('sdn_classic_dca.xml'))

  test('default', () => {
    expect(list).toMatchInlineSnapshot(`
      {
        "entries": [
          {
            "address": "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
            "asset": "ETH",
            "category": "sanctioned",
            "chain": "ethereum",
            "confidence": 100,
            "entity": "LAZARUS GROUP",
            "entityId": "27307",
            "label": "a.k.a. 'HIDDEN COBRA'; country: Korea, North",
            "programmes": [
              "DPRK3",
            ],
          },
          {
            "address": "0xa0e1c89ef1a489c9c7de96311ed5ce5d32c20e4b",
            "asset": "ETH",
            "category": "sanctioned",
            "chain": "ethereum",
            "confidence": 100,
            "entity": "LAZARUS GROUP",
            "entityId": "27307",
            "label": "a.k.a. 'HIDDEN COBRA'; country: Korea, North",
            "programmes": [
              "DPRK3",
            ],
          },
          {
            "address": "1MLPqwaFFUBZePTjpR3nxRoK19Cv9mPCc7",
            "asset": "XBT",
            "category": "sanctioned",
            "chain": "bitcoin",
            "confidence": 100,
            "entity": "WANG, Mingming",
            "entityId": "45404",
            "label": null,
            "programmes": [
              "ILLICIT-DRUGS-EO14059",
            ],
          },
          {
            "address": "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq",
            "asset": "XBT",
            "category": "sanctioned",
            "chain": "tron",
            "confidence": 100,
            "entity": "WANG, Mingming",
            "entityId": "45404",
            "label": null,
            "programmes": [
              "ILLICIT-DRUGS-EO14059",
            ],
          },
          {
            "address": "0xfac583c0cf07ea434052c49115a4682172ab6b4f",
            "asset": "USDT",
            "category": "sanctioned",
            "chain": "ethereum",
            "confidence": 100,
            "entity": "WANG, Mingming",
            "entityId": "45404",
            "label": null,
            "programmes": [
              "ILLICIT-DRUGS-EO14059",
            ],
          },
          {
            "address": "1KSAbh5trMCTZwhiNsuUQvfTtSSTT8zqRk",
            "asset": "XBT",
            "category": "sanctioned",
            "chain": "bitcoin",
            "confidence": 100,
            "entity": "RAZA, Mujtaba Ali",
            "entityId": "30520",
            "label": null,
            "programmes": [
              "CYBER2",
              "ELECTION-EO13848",
            ],
          },
          {
            "address": "bc1qfg4gfg0y6t6xjnpmlhuwx5k0wlw6nmfzxn2psc",
            "asset": "XBT",
            "category": "sanctioned",
            "chain": "bitcoin",
            "confidence": 100,
            "entity": "ZIMENKOV, Jonatan",
            "entityId": "40488",
            "label": null,
            "programmes": [
              "RUSSIA-EO14024",
            ],
          },
        ],
        "publishedAt": "2024-05-03",
        "records": 5,
        "rejected": [
          {
            "input": "LTC LeKvNdNEzgQkzVVnRdV3fAu2DSF1nLsNw6",
            "reason": "no codec for LTC",
            "where": "ent_num 30520",
          },
          {
            "input": "XVG DFFJhnQNZf8rf67tYnesPu7MuGUpYtzv7Z",
            "reason": "no codec for XVG",
            "where": "ent_num 30520",
          },
          {
            "input": "ETH 0x39D908DAC893CBCB53Cc86e0ECc369aA4DeF1A29",
            "reason": "invalid ethereum address: EIP-55 checksum mismatch (expected 0x39D908dac893CBCB53Cc86e0ECc369aA4DeF1A29)",
            "where": "ent_num 40488",
          },
        ],
      }
    `)
  })

  test('behavior: same entries as sdn.csv gives for the same ent_nums', () => {
    const csv = parseOfacSdnCsv({ sdn: shared('ofac-official/sdn.csv') })
    const ids = new Set(list.entries.map((e) => e.entityId))
    const strip = ({ label: _label, ...entry }: (typeof list.entries)[number]) => entry
    const fromCsv = csv.entries.filter((e) => ids.has(e.entityId ?? '')).map(strip)
    // The fixture copies a subset of each record's addresses, the invalid one aside.
    for (const entry of list.entries) expect(fromCsv).toContainEqual(strip(entry))
  })

  test('args: fileName', () => {
    expect(() => parseOfacSdnXml(Buffer.from('<sdnList>'), { fileName: 'SDN.XML' })).toThrow(
      'SDN.XML line 1, column 10: unclosed tag: sdnList.',
    )
  })

  test('error: Record_Count disagrees with the entries', () => {
    const text = fixture('sdn_classic_dca.xml').toString('utf8')
    const lastEntry = text.lastIndexOf('<sdnEntry>')
    const shorter = `${text.slice(0, lastEntry)}</sdnList>\n`
    expect(() => parseOfacSdnXml(Buffer.from(shorter))).toThrow(
      'sdn.xml: Record_Count says 5 entries but the file holds 4.',
    )
  })

  test('error: Publish_Date not MM/DD/YYYY', () => {
    const text = fixture('sdn_classic_dca.xml').toString('utf8').replace('05/03/2024', '2024-05-03')
    expect(() => parseOfacSdnXml(Buffer.from(text))).toThrow(
      'sdn.xml line 4, column 44: Publish_Date "2024-05-03" is not MM/DD/YYYY.',
    )
  })
})
