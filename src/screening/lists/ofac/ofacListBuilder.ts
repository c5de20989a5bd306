import type { ListEntry, ListRejection } from '../../ListEntry.js'
import type { ParseOfacResult } from './ParseOfacResult.js'
import { resolveOfacAddress } from './resolveOfacAddress.js'

/** Who an OFAC record designates; shared by every address of the record. */
export type OfacDesignation = {
  readonly entity: string | null
  readonly entityId: string
  readonly programmes: readonly string[]
  readonly label: string | null
}

export type OfacListBuilder = {
  /** Resolves one `Digital Currency Address` of a record into an entry or a rejection. */
  readonly address: (designation: OfacDesignation, ticker: string, address: string) => void
  readonly reject: (rejection: ListRejection) => void
  readonly finish: (publishedAt: string | null, records: number) => ParseOfacResult
}

/**
 * Collects the entries of an OFAC file. Every OFAC format yields `sanctioned` entries at
 * confidence 100; the same address listed twice for one entity and ticker (ent_num 37070 does
 * this) is kept once, while the same address under two tickers (ETH and ETC) stays twice.
 */
export function ofacListBuilder(): OfacListBuilder {
  const entries: ListEntry[] = []
  const rejected: ListRejection[] = []
  const seen = new Set<string>()
  return {
    address(designation, ticker, address) {
      const where = `ent_num ${designation.entityId}`
      const resolved = resolveOfacAddress({ ticker, address, where })
      if (resolved.kind === 'rejected') {
        rejected.push(resolved.rejection)
        return
      }
      const key = `${designation.entityId}\u0000${resolved.chain}\u0000${resolved.address}\u0000${ticker}`
      if (seen.has(key)) return
      seen.add(key)
      entries.push({
        chain: resolved.chain,
        address: resolved.address,
        asset: ticker,
        category: 'sanctioned',
        entity: designation.entity,
        entityId: designation.entityId,
        programmes: designation.programmes,
        confidence: 100,
        label: designation.label,
      })
    },
    reject(rejection) {
      rejected.push(rejection)
    },
    finish(publishedAt, records) {
      return { entries, rejected, publishedAt, records }
    },
  }
}
