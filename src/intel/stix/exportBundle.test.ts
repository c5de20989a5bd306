import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { describe, expect, test } from 'vitest'
import { type ExportParameters, exportStixBundle } from './exportBundle.js'
import { CHAINWATCH_NAMESPACE, canonicalJson, scoId, uuidv5 } from './ids.js'
import { parsePattern } from './pattern.js'
import {
  bitcoinDesignation,
  bybitDesignations,
  japaneseAgency,
  sharedPath,
} from './testFixtures.js'

/** An independent validator over the untouched OASIS schemas in ../shared (not our vendored copy). */
function sharedValidators(): (object: { type: string }) => ValidateFunction | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false })
  formats.default(ajv)
  const root = sharedPath('data/stix2-json-schemas/schemas')
  for (const folder of ['common', 'observables', 'sdos', 'sros'])
    for (const file of readdirSync(`${root}/${folder}`))
      if (file !== 'bundle.json')
        ajv.addSchema(JSON.parse(readFileSync(`${root}/${folder}/${file}`, 'utf8')) as object)
  const base = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/'
  const crypto = (name: string) =>
    ajv.compile(
      JSON.parse(
        readFileSync(
          sharedPath(`specs/stix2extensions-crypto/schemas__scos__${name}.json`),
          'utf8',
        ).replaceAll(
          'https://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/master/schemas/',
          base,
        ),
      ) as object,
    )
  const wallet = crypto('cryptocurrency-wallet')
  const transaction = crypto('cryptocurrency-transaction')
  return ({ type }) => {
    if (type === 'cryptocurrency-wallet') return wallet
    if (type === 'cryptocurrency-transaction') return transaction
    const folder = ['relationship', 'sighting'].includes(type)
      ? 'sros'
      : ['marking-definition', 'extension-definition'].includes(type)
        ? 'common'
        : 'sdos'
    return ajv.getSchema(`${base}${folder}/${type}.json`)
  }
}

const input: ExportParameters = {
  producer: japaneseAgency,
  created: '2026-11-26T01:00:00Z',
  tlp: 'amber',
  designations: [...bybitDesignations(5), { ...bitcoinDesignation, tlp: 'red' }],
  transactions: [
    {
      chain: 'ethereum',
      hash: '0x46deef0f52e3a983b67abf4714448a41dd7ffd6d32d32da69d62081c68ad7882',
      symbol: 'ETH',
      executedAt: '2025-02-21T14:13:35Z',
      inputs: [
        {
          address: '0x1db92e2eebc8e0c075a02bea49a2935bcd2dfcf4',
          amount: 401_346_768_858_500_000_000_000n,
        },
      ],
      outputs: [
        {
          address: '0x47666fab8bd0ac7003bce3f5c3585383f09486e2',
          amount: 401_346_768_858_500_000_000_000n,
        },
      ],
    },
  ],
  sightings: [
    {
      chain: 'bitcoin',
      address: bitcoinDesignation.address,
      firstSeen: '2026-11-25T00:00:00Z',
      lastSeen: '2026-11-25T06:00:00Z',
      count: 3,
    },
  ],
}
const bundle = exportStixBundle(input)

describe('exportStixBundle', () => {
  test('the vendored schemas are byte-identical to the OASIS and dogesec originals', () => {
    const vendored = new URL('./schemas/', import.meta.url)
    for (const folder of ['common', 'observables', 'sdos', 'sros'])
      for (const file of readdirSync(new URL(`${folder}/`, vendored)))
        expect(readFileSync(new URL(`${folder}/${file}`, vendored), 'utf8'), file).toBe(
          readFileSync(sharedPath(`data/stix2-json-schemas/schemas/${folder}/${file}`), 'utf8'),
        )
    for (const name of ['cryptocurrency-wallet', 'cryptocurrency-transaction'])
      expect(readFileSync(new URL(`scos/${name}.json`, vendored), 'utf8')).toBe(
        readFileSync(
          sharedPath(`specs/stix2extensions-crypto/schemas__scos__${name}.json`),
          'utf8',
        ),
      )
  })

  test('every emitted object validates against the OASIS STIX 2.1 schemas in ../shared', () => {
    const validatorFor = sharedValidators()
    const types = new Set<string>()
    for (const object of bundle.objects) {
      const validate = validatorFor(object)
      expect(validate, object.type).toBeDefined()
      const valid = validate?.(object)
      expect({ id: object.id, errors: valid ? null : validate?.errors }).toEqual({
        id: object.id,
        errors: null,
      })
      types.add(object.type)
    }
    expect([...types].sort()).toEqual([
      'cryptocurrency-transaction',
      'cryptocurrency-wallet',
      'extension-definition',
      'identity',
      'indicator',
      'intrusion-set',
      'marking-definition',
      'relationship',
      'sighting',
      'threat-actor',
    ])
  })

  test('UUIDv5 and JCS reproduce the STIX deterministic-id vectors', () => {
    // standards.md §1.2: JCS {"value": address} → 27fadc91…; dogesec's raw-string ids → b6ae6083….
    expect(scoId('cryptocurrency-wallet', { value: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY' })).toBe(
      'cryptocurrency-wallet--27fadc91-1e1c-5474-988f-07a16840be45',
    )
    expect(
      uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'),
    ).toBe('b6ae6083-875f-5fe9-84b9-89e168f89406')
    // RFC 4122 appendix-style check: the DNS namespace and python's uuid5(NAMESPACE_DNS, 'python.org').
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    )
    expect(uuidv5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://chainwatch.dev/stix')).toBe(
      CHAINWATCH_NAMESPACE,
    )
    expect(canonicalJson({ b: [1, 'x'], a: null })).toBe('{"a":null,"b":[1,"x"]}')
  })

  test('the same input gives the same bundle, ids included', () => {
    expect(exportStixBundle(input)).toEqual(bundle)
    const other = exportStixBundle({
      producer: { ...japaneseAgency, name: 'Korea FIU (test)' },
      created: '2026-11-26T01:00:00Z',
      tlp: 'amber',
      designations: bybitDesignations(1),
    })
    const indicatorIds = (objects: typeof bundle.objects) =>
      objects.filter((o) => o.type === 'indicator').map((o) => o.id)
    expect(indicatorIds(other.objects)[0]).not.toBe(indicatorIds(bundle.objects)[0])
    // Observables are producer-independent (STIX §2.9), so two producers' wallets merge.
    const walletIds = (objects: typeof bundle.objects) =>
      new Set(objects.filter((o) => o.type === 'cryptocurrency-wallet').map((o) => o.id))
    expect([...walletIds(other.objects)].every((id) => walletIds(bundle.objects).has(id))).toBe(
      true,
    )
  })

  test('Lazarus designations indicate the MITRE ATT&CK intrusion-set G0032', () => {
    const lazarus = bundle.objects.find((o) => o.type === 'intrusion-set')
    expect(lazarus?.id).toBe('intrusion-set--c93fccb1-e8e8-42cf-ae33-2ad1d183913a')
    expect(lazarus?.external_references).toEqual([
      expect.objectContaining({ source_name: 'mitre-attack', external_id: 'G0032' }),
    ])
    const indicates = bundle.objects.filter(
      (o) => o.type === 'relationship' && o.relationship_type === 'indicates',
    )
    expect(indicates.filter((o) => o.target_ref === lazarus?.id)).toHaveLength(5)
  })

  test('patterns escape quotes and backslashes and parse back to the address', () => {
    const indicator = bundle.objects.find(
      (o) => o.type === 'indicator' && o.name === "Bybit exploiter's 'first' \\ hop",
    )
    const first = bybitDesignations(1)[0]
    expect(indicator?.pattern).toBe(`[cryptocurrency-wallet:value = '${first?.address}']`)
    expect(parsePattern("[cryptocurrency-wallet:value = 'a\\'b\\\\c']")).toEqual({
      ok: true,
      comparisons: [{ objectType: 'cryptocurrency-wallet', path: 'value', values: ["a'b\\c"] }],
    })
  })

  test('markings: the bundle TLP by default, a designation may tighten its own', () => {
    const btcIndicator = bundle.objects.find(
      (o) =>
        o.type === 'indicator' &&
        o.pattern === `[cryptocurrency-wallet:value = '${bitcoinDesignation.address}']`,
    )
    expect(btcIndicator?.object_marking_refs).toEqual([
      'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    ])
    const markingIds = bundle.objects
      .filter((o) => o.type === 'marking-definition')
      .map((o) => o.id)
      .sort()
    expect(markingIds).toEqual([
      'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    ])
  })

  test('addresses are normalised by the chain codecs; invalid ones refused (address.invalid)', () => {
    const base = {
      producer: japaneseAgency,
      created: '2026-11-26T01:00:00Z',
      tlp: 'green' as const,
    }
    const [first] = bybitDesignations(1)
    if (first === undefined) throw new Error('fixture')
    const checksummed = exportStixBundle({
      ...base,
      designations: [{ ...first, address: '0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D' }],
    })
    expect(checksummed).toEqual(exportStixBundle({ ...base, designations: [first] }))
    expect(() =>
      exportStixBundle({
        ...base,
        designations: [{ ...first, address: '0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135E' }],
      }),
    ).toThrow(/is not a valid EVM address/)
  })

  test('bad designations are refused with input.invalid', () => {
    const base = {
      producer: japaneseAgency,
      created: '2026-11-26T01:00:00Z',
      tlp: 'green' as const,
    }
    expect(() =>
      exportStixBundle({ ...base, designations: [{ ...bitcoinDesignation, confidence: 101 }] }),
    ).toThrow(/Confidence/)
    expect(() =>
      exportStixBundle({
        ...base,
        designations: [{ ...bitcoinDesignation, validUntil: '2023-01-01T00:00:00Z' }],
      }),
    ).toThrow(/later than/)
    expect(() => exportStixBundle({ ...base, created: 'yesterday', designations: [] })).toThrow(
      /ISO 8601/,
    )
  })
})
