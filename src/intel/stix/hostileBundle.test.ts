import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { importStixBundle } from './importBundle.js'
import { parsePattern } from './pattern.js'

const receivedAt = '2026-11-26T02:00:00.000Z'
const bundleOf = (...objects: unknown[]) =>
  JSON.stringify({ type: 'bundle', id: 'bundle--6f3ab1e4-1d4c-4c9b-9d3e-2f2f0c1a7b10', objects })
const indicator = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  pattern,
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00Z',
  ...extra,
})
const address = '0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D'

function thrown(run: () => unknown): { code: string; message: string } {
  try {
    run()
  } catch (error) {
    if (isChainwatchError(error)) return { code: error.code, message: error.shortMessage }
    throw error
  }
  throw new Error('expected a ChainwatchError')
}

describe('hostile bundles get clear errors and produce nothing', () => {
  test('over 50 MiB → input.too_large before parsing', () => {
    const padding = 'x'.repeat(50 * 1024 * 1024)
    const huge = bundleOf(
      indicator(`[cryptocurrency-wallet:value = '${address}']`, { description: padding }),
    )
    expect(thrown(() => importStixBundle(huge, { receivedAt }))).toEqual({
      code: 'input.too_large',
      message: `STIX bundle of ${Buffer.byteLength(huge)} bytes exceeds the limit of 52428800 bytes.`,
    })
    expect(
      thrown(() =>
        importStixBundle(new TextEncoder().encode(bundleOf()), {
          receivedAt,
          limits: { maxBytes: 10 },
        }),
      ).code,
    ).toBe('input.too_large')
  })

  test('deep nesting → input.invalid without recursing (100 000 levels)', () => {
    const deep = `{"type":"bundle","id":"bundle--6f3ab1e4-1d4c-4c9b-9d3e-2f2f0c1a7b10","objects":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`
    expect(thrown(() => importStixBundle(deep, { receivedAt }))).toEqual({
      code: 'input.invalid',
      message: 'STIX bundle nests deeper than 64 levels.',
    })
    // Brackets inside strings are text, not nesting.
    const inString = bundleOf(
      indicator(`[cryptocurrency-wallet:value = '${address}']`, { description: '['.repeat(1000) }),
    )
    expect(importStixBundle(inString, { receivedAt }).indicators).toHaveLength(1)
  })

  test('not JSON, not a bundle, bad id, objects not an array → input.invalid', () => {
    expect(thrown(() => importStixBundle('{"type":"bundle",', { receivedAt }))).toMatchObject({
      code: 'input.invalid',
      message: 'STIX bundle is not valid JSON.',
    })
    expect(thrown(() => importStixBundle('[]', { receivedAt })).message).toMatch(
      /not a STIX bundle/,
    )
    expect(
      thrown(() => importStixBundle('{"type":"bundle","id":"bundle--1"}', { receivedAt })).message,
    ).toMatch(/bundle--<uuid>/)
    expect(
      thrown(() =>
        importStixBundle(
          '{"type":"bundle","id":"bundle--6f3ab1e4-1d4c-4c9b-9d3e-2f2f0c1a7b10","objects":{}}',
          { receivedAt },
        ),
      ).message,
    ).toMatch(/must be an array/)
  })

  test('wrong property types fail the OASIS schema, per object', () => {
    const imported = importStixBundle(
      bundleOf(
        indicator(`[cryptocurrency-wallet:value = '${address}']`, { confidence: 'high' }),
        indicator(`[cryptocurrency-wallet:value = '${address}']`, {
          valid_from: 'yesterday',
          id: 'indicator--1f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f',
        }),
        'a string',
        { type: 'indicator', id: 'malware--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f' },
      ),
      { receivedAt },
    )
    expect(imported.indicators).toEqual([])
    expect(imported.objects).toEqual([])
    expect(imported.rejected.map((rejection) => rejection.reason)).toEqual([
      expect.stringMatching(/^fails the STIX 2.1 schema: .*\/confidence: must be integer/),
      expect.stringMatching(/^fails the STIX 2.1 schema: \/valid_from: must match pattern/),
      'object must be a JSON object, not string',
      'id "malware--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f" does not start with "indicator--"',
    ])
  })

  test('malformed and unsupported patterns are rejected with the reason', () => {
    const cases: [string, RegExp][] = [
      [`[cryptocurrency-wallet:value = '${address}'`, /pattern ends where "\]" belongs/],
      [`[cryptocurrency-wallet:value = '${address}]`, /unterminated string literal/],
      [`[cryptocurrency-wallet:value = '\\x41']`, /invalid escape/],
      [`[cryptocurrency-wallet:value != '${address}']`, /operator != .* not supported/],
      [
        `[cryptocurrency-wallet:value = '${address}' AND cryptocurrency-wallet:value = 'b']`,
        /AND .* valid STIX but not supported/,
      ],
      [`[cryptocurrency-wallet:value = '${address}'] WITHIN 5 SECONDS`, /WITHIN .* not supported/],
      [`[cryptocurrency-wallet:value = 42]`, /where a string literal belongs/],
      [
        "[cryptocurrency-wallet:holder_ref = 'identity--x']",
        /compares no cryptocurrency-wallet:value/,
      ],
    ]
    for (const [pattern, reason] of cases) {
      const imported = importStixBundle(bundleOf(indicator(pattern)), { receivedAt })
      expect({ pattern, indicators: imported.indicators, objects: imported.objects }).toEqual({
        pattern,
        indicators: [],
        objects: [],
      })
      expect(imported.rejected[0]?.reason, pattern).toMatch(reason)
    }
    // Patterns about other observables are none of our business: kept, not interpreted.
    const other = importStixBundle(
      bundleOf(indicator("[ipv4-addr:value = '198.51.100.1'] WITHIN 5 SECONDS")),
      { receivedAt },
    )
    expect({ objects: other.objects.length, rejected: other.rejected }).toEqual({
      objects: 1,
      rejected: [],
    })
    const fileName = importStixBundle(
      bundleOf(indicator("[file:name = 'cryptocurrency-wallet.exe']")),
      { receivedAt },
    )
    expect({
      objects: fileName.objects.length,
      indicators: fileName.indicators,
      rejected: fileName.rejected,
    }).toEqual({ objects: 1, indicators: [], rejected: [] })
  })

  test('standard observables are held to their own OASIS schema', () => {
    const ip = {
      type: 'ipv4-addr',
      spec_version: '2.1',
      id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
    }
    const imported = importStixBundle(
      bundleOf({ ...ip, value: '198.51.100.3' }, { ...ip, value: 5 }),
      { receivedAt },
    )
    expect(imported.objects).toHaveLength(1)
    expect(imported.rejected).toEqual([
      {
        index: 1,
        id: ip.id,
        type: 'ipv4-addr',
        reason: expect.stringMatching(/\/value: must be string/),
      },
    ])
  })

  test('a leap-second validity (schema-valid, not representable) is refused, not a crash', () => {
    const leap = indicator(`[cryptocurrency-wallet:value = '${address}']`, {
      valid_from: '2016-12-31T23:59:60Z',
    })
    const imported = importStixBundle(bundleOf(leap), { receivedAt })
    expect({ indicators: imported.indicators, objects: imported.objects }).toEqual({
      indicators: [],
      objects: [],
    })
    expect(imported.rejected[0]?.reason).toMatch(/leap second/)
  })

  test('unknown new-sdo/new-sco extensions are refused; unknown property extensions tolerated', () => {
    const newSdo = {
      type: 'x-acme-heist',
      spec_version: '2.1',
      id: 'x-acme-heist--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      extensions: {
        'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62': { extension_type: 'new-sdo' },
      },
    }
    const propertyExtension = indicator(`[cryptocurrency-wallet:value = '${address}']`, {
      extensions: {
        'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': {
          extension_type: 'property-extension',
          rank: 5,
        },
      },
    })
    const imported = importStixBundle(bundleOf(newSdo, propertyExtension), { receivedAt })
    expect(imported.rejected).toEqual([
      {
        index: 0,
        id: newSdo.id,
        type: 'x-acme-heist',
        reason:
          'unknown new-sdo extension extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62: its object type "x-acme-heist" cannot be checked',
      },
    ])
    expect(imported.indicators.map((found) => found.address)).toEqual([address.toLowerCase()])
  })
})

describe('parsePattern', () => {
  test('reads = and IN, OR inside and between observations, list paths', () => {
    expect(
      parsePattern(
        "[cryptocurrency-transaction:output[*].address_ref.value = 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb'] OR [x-opencti-cryptocurrency-wallet:value IN ('a','b')]",
      ),
    ).toEqual({
      ok: true,
      comparisons: [
        {
          objectType: 'cryptocurrency-transaction',
          path: 'output[*].address_ref.value',
          values: ['T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb'],
        },
        { objectType: 'x-opencti-cryptocurrency-wallet', path: 'value', values: ['a', 'b'] },
      ],
    })
    expect(parsePattern("[file:hashes.'SHA-256' = 'x']")).toMatchObject({ ok: false })
    expect(parsePattern("[a:b = t'2020-01-01T00:00:00Z']")).toEqual({
      ok: false,
      reason: "non-string literal t'…' at 7",
    })
    expect(parsePattern('x'.repeat(100_001))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/longer than/),
    })
  })
})

describe('fuzzing', () => {
  test('property: arbitrary objects in a bundle never crash the import; each is accepted or rejected', () => {
    const walletish = fc.record(
      {
        type: fc.constantFrom(
          'indicator',
          'cryptocurrency-wallet',
          'x-misp-attribute',
          'x-misp-object',
          'relationship',
        ),
        id: fc.constantFrom(
          'indicator--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f',
          'cryptocurrency-wallet--27fadc91-1e1c-5474-988f-07a16840be45',
          'x',
        ),
        spec_version: fc.constantFrom('2.1', 2.1),
        created: fc.constantFrom('2024-01-01T00:00:00Z', '2016-12-31T23:59:60Z', 'x'),
        modified: fc.constant('2024-01-01T00:00:00Z'),
        pattern: fc.oneof(fc.string(), fc.constant(`[cryptocurrency-wallet:value = '${address}']`)),
        pattern_type: fc.constantFrom('stix', 'sigma'),
        valid_from: fc.constantFrom('2024-01-01T00:00:00Z', '2016-12-31T23:59:60Z'),
        value: fc.oneof(fc.string(), fc.constant(address)),
        score: fc.oneof(fc.integer(), fc.string()),
        x_misp_type: fc.constantFrom('btc', 'xmr', 'ip-dst'),
        x_misp_value: fc.jsonValue(),
        x_misp_name: fc.constantFrom('coin-address', 'btc-wallet'),
        x_misp_attributes: fc.jsonValue(),
        extensions: fc.jsonValue(),
      },
      { requiredKeys: ['type', 'id'] },
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(walletish, fc.jsonValue()), { maxLength: 6 }), (objects) => {
        const imported = importStixBundle(bundleOf(...objects), { receivedAt })
        expect(imported.objects.length).toBeLessThanOrEqual(objects.length)
        for (const rejection of imported.rejected) {
          expect(rejection.index).toBeLessThan(objects.length)
          expect(rejection.reason).not.toBe('')
        }
        for (const indicator of imported.indicators) expect(indicator.validFrom).toMatch(/Z$/)
      }),
      { seed: 11, numRuns: 400 },
    )
  })

  test('property: parsePattern never throws', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      "'",
      '\\',
      ':',
      '.',
      '=',
      ' IN ',
      ' OR ',
      ' AND ',
      'cryptocurrency-wallet',
      'value',
      "'a'",
      '[*]',
      ',',
      '!=',
      't',
      '1',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
        ),
        (pattern) => {
          const parsed = parsePattern(pattern)
          expect(typeof parsed.ok).toBe('boolean')
        },
      ),
      { seed: 5, numRuns: 2000 },
    )
  })
})
