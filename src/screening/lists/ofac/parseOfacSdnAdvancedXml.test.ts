import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parseOfacSdnAdvancedXml } from './parseOfacSdnAdvancedXml.js'
import { parseOfacSdnXml } from './parseOfacSdnXml.js'

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/ofac/${name}`, import.meta.url)))
const text = fixture('sdn_advanced_dca.xml').toString('utf8')
const LEGACY_NS = 'xmlns="http://www.un.org/sanctions/1.0"'
const CURRENT_NS =
  'xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"'

describe('fixture: SDN_ADVANCED.XML after the 2018 XSD', () => {
  const list = parseOfacSdnAdvancedXml(Buffer.from(text))

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
            "label": "a.k.a. 'HIDDEN COBRA'",
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
            "label": "a.k.a. 'HIDDEN COBRA'",
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

  test('behavior: same addresses, names and programmes as the classic format', () => {
    const classic = parseOfacSdnXml(fixture('sdn_classic_dca.xml'))
    const core = (l: typeof list) => ({
      entries: l.entries.map(({ label: _label, ...entry }) => entry),
      rejected: l.rejected,
      publishedAt: l.publishedAt,
      records: l.records,
    })
    expect(core(list)).toEqual(core(classic))
  })

  test.each([
    { name: 'current namespace', xml: text.replace(LEGACY_NS, CURRENT_NS) },
    {
      name: 'prefixed elements',
      xml: text
        .replace(LEGACY_NS, 'xmlns:un="http://www.un.org/sanctions/1.0"')
        .replace(/<(\/?)([A-Z])/g, '<$1un:$2'),
    },
  ])('behavior: $name', ({ xml }) => {
    expect(xml).not.toBe(text)
    expect(parseOfacSdnAdvancedXml(Buffer.from(xml))).toEqual(list)
  })

  test('behavior: feature type ids are looked up by text', () => {
    // Swap the ids of the XBT and ETH feature types everywhere: the result must not change.
    const swapped = text
      .replaceAll('FeatureTypeID="344"', 'FeatureTypeID="TMP"')
      .replaceAll('FeatureTypeID="345"', 'FeatureTypeID="344"')
      .replaceAll('FeatureTypeID="TMP"', 'FeatureTypeID="345"')
      .replace(
        'ID="344" FeatureTypeGroupID="1">Digital Currency Address - XBT',
        'ID="345" FeatureTypeGroupID="1">Digital Currency Address - XBT',
      )
      .replace(
        'ID="345" FeatureTypeGroupID="1">Digital Currency Address - ETH',
        'ID="344" FeatureTypeGroupID="1">Digital Currency Address - ETH',
      )
    expect(swapped).not.toBe(text)
    expect(parseOfacSdnAdvancedXml(Buffer.from(swapped))).toEqual(list)
  })

  test('error: DistinctParties before ReferenceValueSets', () => {
    const start = text.indexOf('  <ReferenceValueSets>')
    const end = text.indexOf('</ReferenceValueSets>') + '</ReferenceValueSets>\n'.length
    const moved = text.slice(0, start) + text.slice(end)
    expect(() =>
      parseOfacSdnAdvancedXml(Buffer.from(moved), { fileName: 'SDN_ADVANCED.XML' }),
    ).toThrow(
      /^SDN_ADVANCED\.XML line \d+, column \d+: DistinctParty before ReferenceValueSets\.$/m,
    )
  })

  test('error: DateOfIssue not a date', () => {
    const bad = text.replace('<Month>5</Month>', '<Month>13</Month>')
    expect(() => parseOfacSdnAdvancedXml(Buffer.from(bad))).toThrow(
      'sdn_advanced.xml line 7, column 17: DateOfIssue 2024-13-3 is not a date.',
    )
  })
})
