import type { Kysely } from 'kysely'
import { designationFromRow } from './designationFromRow.js'
import type { Designation } from './Store.js'
import type { Database } from './schema.js'

/** Addresses per `IN (…)` list: far below both dialects' bind-parameter limits. */
const ADDRESSES_PER_QUERY = 1_000

export type ReadDesignationsParameters = {
  /** Normalised addresses, matched exactly; null reads every address. */
  readonly addresses: readonly string[] | null
  readonly includeEnded: boolean
}

/**
 * Designations of the given addresses (or all), with the kind and source of the last list
 * version that held each, ordered by address, list, chain, entity id and since.
 */
export async function readDesignations(
  db: Kysely<Database>,
  { addresses, includeEnded }: ReadDesignationsParameters,
): Promise<readonly Designation[]> {
  const query = (chunk: readonly string[] | null) => {
    let select = db
      .selectFrom('designations as d')
      .innerJoin('list_versions as v', (join) =>
        join.onRef('v.list', '=', 'd.list').onRef('v.version', '=', 'd.last_version'),
      )
      .selectAll('d')
      .select(['v.kind', 'v.source'])
    if (chunk !== null) select = select.where('d.address', 'in', chunk)
    if (!includeEnded) select = select.where('d.until', 'is', null)
    return select.execute()
  }
  if (addresses === null) return sortDesignations((await query(null)).map(designationFromRow))
  const unique = [...new Set(addresses)]
  const designations: Designation[] = []
  for (let start = 0; start < unique.length; start += ADDRESSES_PER_QUERY) {
    const rows = await query(unique.slice(start, start + ADDRESSES_PER_QUERY))
    for (const row of rows) designations.push(designationFromRow(row))
  }
  return sortDesignations(designations)
}

/** Code-unit order (the same in both dialects, whatever the database's collation). */
function sortDesignations(designations: Designation[]): Designation[] {
  const key = (d: Designation) => [d.address, d.list, d.chain, d.entityId ?? '', d.since]
  return designations.sort((a, b) => {
    const left = key(a)
    const right = key(b)
    for (const [index, value] of left.entries()) {
      const other = right[index] ?? ''
      if (value !== other) return value < other ? -1 : 1
    }
    return 0
  })
}
