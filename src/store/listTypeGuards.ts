import type { Category, ListKind } from '../screening/index.js'

// Type-only imports: the store sits below screening and must not load it at runtime. `satisfies
// Record<…, true>` makes the compiler reject a missing or an extra name, so these stay in step.
const knownCategories = {
  sanctioned: true,
  'stolen-funds': true,
  hacker: true,
  mixer: true,
  scam: true,
  exchange: true,
  bridge: true,
  dex: true,
  ransomware: true,
  other: true,
} as const satisfies Record<Category, true>

const knownKinds = {
  'ofac-sdn-csv': true,
  'ofac-sdn-xml': true,
  'ofac-sdn-advanced-xml': true,
  opensanctions: true,
  tagpack: true,
  'address-list': true,
} as const satisfies Record<ListKind, true>

/** Checks of list values read back from the database, where SQL does not constrain them. */
export const listTypeGuards = {
  isCategory(value: string): value is Category {
    return Object.hasOwn(knownCategories, value)
  },
  isListKind(value: string): value is ListKind {
    return Object.hasOwn(knownKinds, value)
  },
}
