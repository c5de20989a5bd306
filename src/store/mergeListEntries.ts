import { ChainwatchError } from '../errors/index.js'
import type { ListEntry } from '../screening/index.js'

/** A list entry as `replaceList` stages it: one per (chain, address, entity_id). */
export type StagedEntry = {
  readonly chain: string
  readonly address: string
  /** '' when the list gives no entity id. */
  readonly entity_id: string
  readonly asset: string | null
  readonly category: string
  readonly entity: string | null
  /** JSON array of strings. */
  readonly programmes: string
  readonly confidence: number
  readonly label: string | null
}

/**
 * Merges entries that designate the same (chain, address, entity id) — lists repeat an address
 * per ticker or per remark — into one: programmes united (first-seen order), the highest
 * confidence, the first category, and the first non-null asset, entity and label. Throws
 * `input.invalid` for a confidence outside 0–100 (the type cannot say so).
 */
export function mergeListEntries(
  list: string,
  entries: readonly ListEntry[],
): readonly StagedEntry[] {
  const merged = new Map<
    string,
    { entry: ListEntry; programmes: Set<string>; confidence: number }
  >()
  for (const entry of entries) {
    if (!Number.isInteger(entry.confidence) || entry.confidence < 0 || entry.confidence > 100) {
      throw new ChainwatchError(
        'input.invalid',
        `List "${list}" gives address ${entry.address} a confidence outside 0–100.`,
        { meta: { list, address: entry.address, confidence: entry.confidence } },
      )
    }
    const key = `${entry.chain}\u0000${entry.address}\u0000${entry.entityId ?? ''}`
    const seen = merged.get(key)
    if (seen === undefined) {
      merged.set(key, {
        entry,
        programmes: new Set(entry.programmes),
        confidence: entry.confidence,
      })
      continue
    }
    for (const programme of entry.programmes) seen.programmes.add(programme)
    seen.confidence = Math.max(seen.confidence, entry.confidence)
    seen.entry = {
      ...seen.entry,
      asset: seen.entry.asset ?? entry.asset,
      entity: seen.entry.entity ?? entry.entity,
      label: seen.entry.label ?? entry.label,
    }
  }
  return [...merged.values()].map(({ entry, programmes, confidence }) => ({
    chain: entry.chain,
    address: entry.address,
    entity_id: entry.entityId ?? '',
    asset: entry.asset,
    category: entry.category,
    entity: entry.entity,
    programmes: JSON.stringify([...programmes]),
    confidence,
    label: entry.label,
  }))
}
