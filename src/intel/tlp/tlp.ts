/** Traffic Light Protocol 2.0 levels, least to most restrictive. */
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const
export type Tlp = (typeof tlpLevels)[number]

/** The OASIS TLP 2.0 extension-definition (cti-stix-common-objects). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'

/** Official TLP 2.0 marking-definition ids (standards.md §2; beware wrong ids in public code). */
export const tlpMarkingIds = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const satisfies Record<Tlp, string>

/** TLP 1.0 ids from the STIX 2.1 specification, read on import (WHITE becomes CLEAR). */
export const tlp1MarkingIds = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
} as const satisfies Record<string, Tlp>

const names: Record<Tlp, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
}

export type TlpMarkingDefinition = {
  readonly type: 'marking-definition'
  readonly spec_version: '2.1'
  readonly id: string
  readonly created: string
  readonly name: string
  readonly extensions: {
    readonly [TLP2_EXTENSION_ID]: {
      readonly extension_type: 'property-extension'
      readonly tlp_2_0: Tlp
    }
  }
}

/** The official TLP 2.0 marking-definition object of a level, exactly as OASIS publishes it. */
export function tlpMarkingDefinition(tlp: Tlp): TlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: tlpMarkingIds[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: names[tlp],
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  }
}

export function tlpRank(tlp: Tlp): number {
  return tlpLevels.indexOf(tlp)
}

/** The more restrictive of two levels. */
export function mostRestrictive(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b
}

/** The TLP level a marking-definition id stands for (TLP 2.0 or 1.0), or null for other markings. */
export function tlpOfMarkingRef(ref: string): Tlp | null {
  for (const tlp of tlpLevels) if (tlpMarkingIds[tlp] === ref) return tlp
  return Object.hasOwn(tlp1MarkingIds, ref)
    ? tlp1MarkingIds[ref as keyof typeof tlp1MarkingIds]
    : null
}

/** The markings of a STIX object that bear on TLP. */
export type Marked = {
  readonly object_marking_refs?: readonly string[] | undefined
  readonly granular_markings?: readonly { readonly marking_ref?: string | undefined }[] | undefined
}

/**
 * The effective TLP of an object: the most restrictive TLP among its object markings and its
 * granular markings. Chainwatch does not share parts of objects, so a TLP on any property
 * (granular) governs the whole object. Unmarked objects get `unmarked` (AMBER unless the
 * sharing agreement says otherwise: assuming CLEAR would leak).
 */
export function effectiveTlp(object: Marked, unmarked: Tlp = 'amber'): Tlp {
  const refs = [
    ...(object.object_marking_refs ?? []),
    ...(object.granular_markings ?? []).flatMap((marking) =>
      marking.marking_ref === undefined ? [] : [marking.marking_ref],
    ),
  ]
  let found: Tlp | null = null
  for (const ref of refs) {
    const tlp = tlpOfMarkingRef(ref)
    if (tlp !== null) found = found === null ? tlp : mostRestrictive(found, tlp)
  }
  return found ?? unmarked
}

/**
 * The `object_marking_refs` for re-sharing an object: its non-TLP markings kept, and a single
 * TLP 2.0 marking at least as restrictive as the one it arrived with. `requested` can tighten
 * the level, never loosen it.
 */
export function reshareMarkingRefs(
  object: Marked,
  requested?: Tlp,
  unmarked: Tlp = 'amber',
): string[] {
  const current = effectiveTlp(object, unmarked)
  const tlp = requested === undefined ? current : mostRestrictive(current, requested)
  const others = (object.object_marking_refs ?? []).filter((ref) => tlpOfMarkingRef(ref) === null)
  return [tlpMarkingIds[tlp], ...others]
}
