import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canShare, type Party } from './canShare.js'
import {
  effectiveTlp,
  reshareMarkingRefs,
  type Tlp,
  tlp1MarkingIds,
  tlpLevels,
  tlpMarkingDefinition,
  tlpMarkingIds,
  tlpRank,
} from './tlp.js'

const shared = (path: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../shared/specs/${path}`, import.meta.url)),
      'utf8',
    ),
  ) as unknown[]

const statement = 'marking-definition--3a6b0f5e-1d2c-4b3a-9e8f-7a6b5c4d3e2f'
const tlpArbitrary = fc.constantFrom(...tlpLevels)
const markingRef = fc.constantFrom(
  ...Object.values(tlpMarkingIds),
  ...Object.keys(tlp1MarkingIds),
  statement,
)
const markedArbitrary = fc.record({
  object_marking_refs: fc.array(markingRef, { maxLength: 4 }),
  granular_markings: fc.array(fc.record({ marking_ref: markingRef }), { maxLength: 2 }),
})

describe('TLP 2.0 markings', () => {
  test('the marking-definition objects are the official OASIS ones, id for id', () => {
    expect(tlpLevels.map(tlpMarkingDefinition)).toEqual(
      shared('tlp2/tlp2-marking-definitions.json'),
    )
  })

  test('TLP 1.0 ids map on import, WHITE to CLEAR', () => {
    const legacy = shared('tlp2/tlp1-legacy-marking-definitions.json') as {
      id: string
      definition: { tlp: string }
    }[]
    for (const marking of legacy)
      expect(effectiveTlp({ object_marking_refs: [marking.id] })).toBe(
        marking.definition.tlp === 'white' ? 'clear' : marking.definition.tlp,
      )
  })

  test('effective TLP is the most restrictive marking; granular counts; unmarked is AMBER unless told', () => {
    expect(
      effectiveTlp({
        object_marking_refs: [tlpMarkingIds.green, tlpMarkingIds['amber+strict'], statement],
      }),
    ).toBe('amber+strict')
    expect(
      effectiveTlp({
        object_marking_refs: [tlpMarkingIds.clear],
        granular_markings: [{ marking_ref: tlpMarkingIds.red }],
      }),
    ).toBe('red')
    expect(effectiveTlp({ object_marking_refs: [statement] })).toBe('amber')
    expect(effectiveTlp({}, 'green')).toBe('green')
  })

  test('property: a re-share never lowers the TLP, and keeps non-TLP markings', () => {
    fc.assert(
      fc.property(
        markedArbitrary,
        fc.option(tlpArbitrary, { nil: undefined }),
        (marked, requested) => {
          const refs = reshareMarkingRefs(marked, requested)
          const after = effectiveTlp({ object_marking_refs: refs })
          expect(tlpRank(after)).toBeGreaterThanOrEqual(tlpRank(effectiveTlp(marked)))
          if (requested !== undefined)
            expect(tlpRank(after)).toBeGreaterThanOrEqual(tlpRank(requested))
          expect(refs.includes(statement)).toBe(marked.object_marking_refs.includes(statement))
        },
      ),
      { seed: 20261126, numRuns: 500 },
    )
  })

  test('property: along any re-share chain the TLP only tightens', () => {
    fc.assert(
      fc.property(
        tlpArbitrary,
        fc.array(fc.option(tlpArbitrary, { nil: undefined }), { maxLength: 8 }),
        (start, requests) => {
          let refs: string[] = [tlpMarkingIds[start]]
          let rank = tlpRank(start)
          for (const requested of requests) {
            refs = reshareMarkingRefs({ object_marking_refs: refs }, requested)
            const next = tlpRank(effectiveTlp({ object_marking_refs: refs }))
            expect(next).toBeGreaterThanOrEqual(rank)
            rank = next
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    )
  })
})

const organisations = [
  'jp-npa',
  'jp-fsa',
  'kr-kofiu',
  'us-fbi',
  'exchange-a',
  'exchange-b',
  'exchange-c',
]
const party = (
  organisation: string,
  communities: string[] = [],
  clientOf: string[] = [],
): Party => ({ organisation, communities, clientOf })

describe('canShare', () => {
  const agency = party('jp-npa', ['jp-cert'])
  const sameCommunity = party('jp-fsa', ['jp-cert'])
  const client = party('exchange-a', [], ['jp-npa'])
  const stranger = party('us-fbi', ['us-isac'])
  const ask = (
    tlp: Tlp,
    to: Party,
    from: Party = agency,
    namedRecipients: string[] = [],
    publicChannel = false,
  ) => canShare({ tlp, originator: 'kr-kofiu', namedRecipients, from, to, publicChannel })

  test('CLEAR anyone; GREEN community, never public; AMBER org and its clients; AMBER+STRICT org only; RED named only', () => {
    expect([ask('clear', stranger), ask('clear', stranger, agency, [], true)]).toEqual([true, true])
    expect([
      ask('green', sameCommunity),
      ask('green', stranger),
      ask('green', sameCommunity, agency, [], true),
    ]).toEqual([true, false, false])
    expect([
      ask('amber', party('jp-npa')),
      ask('amber', client),
      ask('amber', sameCommunity),
    ]).toEqual([true, true, false])
    expect([ask('amber+strict', party('jp-npa')), ask('amber+strict', client)]).toEqual([
      true,
      false,
    ])
    expect([
      ask('red', client, agency, ['exchange-a']),
      ask('red', party('jp-npa')),
      ask('red', party('kr-kofiu')),
    ]).toEqual([true, false, true])
  })

  test('property: RED never reaches an organisation that is neither named nor the originator', () => {
    const partyArbitrary = fc.record({
      organisation: fc.constantFrom(...organisations),
      communities: fc.subarray(['c1', 'c2', 'c3']),
      clientOf: fc.subarray(organisations),
    })
    fc.assert(
      fc.property(
        fc.constantFrom(...organisations),
        fc.subarray(organisations),
        fc.array(partyArbitrary, { minLength: 1, maxLength: 7 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
        (originator, namedRecipients, parties, hops) => {
          const everyone = [party(originator), ...parties]
          const holders = new Set([0])
          for (const [fromIndex, toIndex] of hops) {
            const from = [...holders][fromIndex % holders.size] ?? 0
            const to = toIndex % everyone.length
            const [fromParty, toParty] = [everyone[from], everyone[to]]
            if (fromParty === undefined || toParty === undefined) continue
            if (canShare({ tlp: 'red', originator, namedRecipients, from: fromParty, to: toParty }))
              holders.add(to)
          }
          for (const holder of holders) {
            const organisation = everyone[holder]?.organisation ?? ''
            expect(organisation === originator || namedRecipients.includes(organisation)).toBe(true)
          }
        },
      ),
      { seed: 42, numRuns: 500 },
    )
  })
})
