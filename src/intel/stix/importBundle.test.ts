import { describe, expect, test } from 'vitest'
import { exportStixBundle } from './exportBundle.js'
import { importStixBundle } from './importBundle.js'
import { bitcoinDesignation, bybitDesignations, japaneseAgency } from './testFixtures.js'

const receivedAt = '2026-11-26T02:00:00.000Z'
const bundleOf = (...objects: unknown[]) =>
  JSON.stringify({ type: 'bundle', id: 'bundle--6f3ab1e4-1d4c-4c9b-9d3e-2f2f0c1a7b10', objects })
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'

describe('importStixBundle', () => {
  test('round trip: export → import gives back the same designations', () => {
    const designations = [...bybitDesignations(8), bitcoinDesignation]
    const bundle = exportStixBundle({
      producer: japaneseAgency,
      created: '2026-11-26T01:00:00Z',
      tlp: 'amber',
      designations,
    })
    const imported = importStixBundle(JSON.stringify(bundle), { receivedAt })
    expect(imported.rejected).toEqual([])
    expect(imported.objects).toHaveLength(bundle.objects.length)
    const back = imported.indicators.map(
      ({ tlp, revoked, objectId, createdByRef, source, ...designation }) => designation,
    )
    expect(back).toEqual(designations)
    expect(new Set(imported.indicators.map((indicator) => indicator.tlp))).toEqual(
      new Set(['amber']),
    )
    expect(imported.indicators[0]?.source).toBe('stix-indicator')
  })

  test('transactions and sightings import cleanly; transaction legs are not designations', () => {
    const bundle = exportStixBundle({
      producer: japaneseAgency,
      created: '2026-11-26T01:00:00Z',
      tlp: 'green',
      designations: [bitcoinDesignation],
      transactions: [
        {
          chain: 'bitcoin',
          hash: '3fdd5f4b5e3e1c9c7f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70',
          symbol: 'BTC',
          executedAt: null,
          inputs: [{ address: bitcoinDesignation.address, amount: 84_000_000n }],
          outputs: [{ address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', amount: 80_000_000n }],
        },
      ],
      sightings: [
        {
          chain: 'bitcoin',
          address: bitcoinDesignation.address,
          firstSeen: '2026-11-25T00:00:00Z',
          lastSeen: '2026-11-25T00:00:00Z',
          count: 1,
        },
      ],
    })
    const imported = importStixBundle(JSON.stringify(bundle), { receivedAt })
    expect(imported.rejected).toEqual([])
    expect(imported.objects.map((object) => object.type)).toContain('cryptocurrency-transaction')
    expect(imported.objects.map((object) => object.type)).toContain('sighting')
    expect(imported.indicators.map((indicator) => indicator.address)).toEqual([
      bitcoinDesignation.address,
    ])
  })

  test("OpenCTI's scored cryptocurrency-wallet imports (current and older extension layouts)", () => {
    const current = {
      type: 'cryptocurrency-wallet',
      spec_version: '2.1',
      id: 'cryptocurrency-wallet--27fadc91-1e1c-5474-988f-07a16840be45',
      value: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY',
      labels: ['ransomware'],
      description: 'Ransom payment address',
      score: 80,
      object_marking_refs: [AMBER],
      extensions: {
        'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba': {
          extension_type: 'property-extension',
          id: 'a1b2',
          type: 'Cryptocurrency-Wallet',
        },
        'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82': { extension_type: 'new-sco' },
      },
    }
    const older = {
      type: 'cryptocurrency-wallet',
      spec_version: '2.1',
      id: 'cryptocurrency-wallet--1d1e33c6-1e6d-5d7a-9f3a-2f5b1e1c9a01',
      value: '0x51E9d833Ecae4E8D9D8Be17300AEE6D3398C135D',
      extensions: {
        'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82': {
          extension_type: 'new-sco',
          score: 95,
          labels: ['hacker'],
          description: 'Bybit',
        },
      },
    }
    const plainLeg = {
      type: 'cryptocurrency-wallet',
      spec_version: '2.1',
      id: 'cryptocurrency-wallet--9a0e1c5d-3b1f-5c2a-8d4e-6f7a8b9c0d1e',
      value: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    }
    const imported = importStixBundle(bundleOf(current, older, plainLeg), { receivedAt })
    expect(imported.rejected).toEqual([])
    expect(imported.indicators).toMatchObject([
      {
        chain: 'bitcoin',
        address: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY',
        category: 'ransomware',
        confidence: 80,
        label: 'Ransom payment address',
        tlp: 'amber',
        validFrom: receivedAt,
        source: 'stix-wallet',
      },
      {
        chain: 'ethereum',
        address: '0x51e9d833ecae4e8d9d8be17300aee6d3398c135d',
        category: 'hacker',
        confidence: 95,
        label: 'Bybit',
        tlp: 'amber',
      },
    ])
  })

  test('OpenCTI v4 legacy: x-opencti-cryptocurrency-wallet with x_opencti_score, and its pattern', () => {
    const legacy = {
      type: 'x-opencti-cryptocurrency-wallet',
      spec_version: '2.1',
      id: 'x-opencti-cryptocurrency-wallet--5a0e1c5d-3b1f-5c2a-8d4e-6f7a8b9c0d1e',
      value: 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre',
      x_opencti_score: 75,
      x_opencti_description: 'Tron laundering hop',
    }
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--6a0e1c5d-3b1f-4c2a-8d4e-6f7a8b9c0d1e',
      created: '2021-06-01T00:00:00.000Z',
      modified: '2021-06-01T00:00:00.000Z',
      pattern:
        "[x-opencti-cryptocurrency-wallet:value = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4']",
      pattern_type: 'stix',
      valid_from: '2021-06-01T00:00:00.000Z',
    }
    const imported = importStixBundle(bundleOf(legacy, indicator), {
      receivedAt,
      unmarkedTlp: 'green',
    })
    expect(imported.rejected).toEqual([])
    expect(
      imported.indicators.map(({ chain, address, confidence, label, tlp }) => ({
        chain,
        address,
        confidence,
        label,
        tlp,
      })),
    ).toEqual([
      {
        chain: 'bitcoin',
        address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        confidence: 50,
        label: null,
        tlp: 'green',
      },
      {
        chain: 'tron',
        address: 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre',
        confidence: 75,
        label: 'Tron laundering hop',
        tlp: 'green',
      },
    ])
  })

  test('MISP x-misp-attribute btc and x-misp-object coin-address import; xmr is reported, not dropped silently', () => {
    const base = {
      spec_version: '2.1',
      created: '2025-02-27T10:00:00.000Z',
      modified: '2025-02-27T10:00:00.000Z',
    }
    const btc = {
      ...base,
      type: 'x-misp-attribute',
      id: 'x-misp-attribute--5e7b1b3a-0c8e-4a5b-9a1c-1f2e3d4c5b6a',
      labels: [
        'misp:type="btc"',
        'misp:category="Financial fraud"',
        'misp:to_ids="True"',
        'tlp:green',
      ],
      x_misp_type: 'btc',
      x_misp_category: 'Financial fraud',
      x_misp_value: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    }
    const xmr = {
      ...btc,
      id: 'x-misp-attribute--6e7b1b3a-0c8e-4a5b-9a1c-1f2e3d4c5b6a',
      x_misp_type: 'xmr',
      x_misp_value:
        '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
    }
    const coinAddress = {
      ...base,
      type: 'x-misp-object',
      id: 'x-misp-object--7e7b1b3a-0c8e-4a5b-9a1c-1f2e3d4c5b6a',
      labels: ['misp:name="coin-address"'],
      x_misp_name: 'coin-address',
      x_misp_meta_category: 'financial',
      x_misp_attributes: [
        {
          object_relation: 'address-crypto',
          type: 'text',
          value: '0x96244D83DC15d36847C35209bBDc5bdDE9bEc3D8',
          to_ids: true,
        },
        { object_relation: 'symbol', type: 'text', value: 'ETH' },
      ],
    }
    const imported = importStixBundle(bundleOf(btc, xmr, coinAddress), {
      receivedAt,
      defaultConfidence: 60,
    })
    expect(imported.indicators).toMatchObject([
      {
        chain: 'bitcoin',
        address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        asset: 'BTC',
        confidence: 60,
        tlp: 'green',
        validFrom: '2025-02-27T10:00:00.000Z',
        source: 'misp-attribute',
      },
      {
        chain: 'ethereum',
        address: '0x96244d83dc15d36847c35209bbdc5bdde9bec3d8',
        asset: 'ETH',
        tlp: 'amber',
        source: 'misp-object',
      },
    ])
    expect(imported.rejected).toEqual([
      {
        index: 1,
        id: xmr.id,
        type: 'x-misp-attribute',
        reason: expect.stringContaining('chain "monero" is not supported'),
      },
    ])
    expect(imported.objects.map((object) => object.id)).toEqual([btc.id, coinAddress.id])
  })

  test('older dogesec form: `address` instead of `value`, and patterns on :address and OR-ed comparisons', () => {
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--0f2c6b4e-7c3a-4e5b-8d9f-1a2b3c4d5e6f',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      pattern:
        "[ cryptocurrency-wallet:address = '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY' OR cryptocurrency-wallet:value IN ('0x83c7678492D623fb98834F0fbcb2E7b7f5Af8950', 'not-an-address') ] OR [ipv4-addr:value = '198.51.100.1']",
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
      confidence: 85,
      object_marking_refs: ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'],
    }
    const imported = importStixBundle(bundleOf(indicator), { receivedAt })
    expect(
      imported.indicators.map(({ chain, address, tlp, confidence }) => ({
        chain,
        address,
        tlp,
        confidence,
      })),
    ).toEqual([
      {
        chain: 'bitcoin',
        address: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY',
        tlp: 'red',
        confidence: 85,
      },
      {
        chain: 'ethereum',
        address: '0x83c7678492d623fb98834f0fbcb2e7b7f5af8950',
        tlp: 'red',
        confidence: 85,
      },
    ])
    expect(imported.rejected).toEqual([
      {
        index: 0,
        id: indicator.id,
        type: 'indicator',
        reason: 'address "not-an-address" is not a valid bitcoin, ethereum, tron address',
      },
    ])
  })
})
