import type { ParsedList } from '../../ListEntry.js'

/** A parsed OFAC file: its entries and rejections, plus how many records (parties) it held. */
export type ParseOfacResult = ParsedList & {
  /** sdn.csv rows, `sdnEntry` or `DistinctParty` elements read. */
  readonly records: number
}
