import type { Designation } from '../store/index.js'

/** Active designations by normalised address, for direct checks at memory speed. */
export type DesignationIndex = {
  readonly size: number
  lookup(address: string): readonly Designation[]
}

const none: readonly Designation[] = Object.freeze([])

/** Builds the in-memory index a screening process keeps (from `store.activeDesignations()`). */
export function createDesignationIndex(designations: readonly Designation[]): DesignationIndex {
  const byAddress = new Map<string, Designation[]>()
  for (const designation of designations) {
    if (designation.until !== null) continue
    const list = byAddress.get(designation.address)
    if (list) list.push(designation)
    else byAddress.set(designation.address, [designation])
  }
  return {
    size: byAddress.size,
    lookup: (address) => byAddress.get(address) ?? none,
  }
}
