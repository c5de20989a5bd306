import type { ListEntry } from '../ListEntry.js'

/**
 * The entries without exact repeats (every field equal), first occurrence kept. Lists repeat
 * addresses (tornado_cash.yaml lists one pool twice, once with a trailing space); entries that
 * differ in any field are all kept, since each says something.
 */
export function uniqueEntries(entries: readonly ListEntry[]): readonly ListEntry[] {
  const seen = new Set<string>()
  const unique: ListEntry[] = []
  for (const entry of entries) {
    const key = JSON.stringify([
      entry.chain,
      entry.address,
      entry.asset,
      entry.category,
      entry.entity,
      entry.entityId,
      entry.programmes,
      entry.confidence,
      entry.label,
    ])
    if (seen.has(key)) continue
    seen.add(key)
    unique.push(entry)
  }
  return unique
}
