import type { Category } from '../ListEntry.js'

export type OpenSanctionsCategoryParameters = {
  /** FollowTheMoney topics of the wallet and of its holder. */
  readonly topics: readonly string[]
  /** A `Sanction` entity in the file names the wallet or its holder. */
  readonly hasSanction: boolean
}

/**
 * Our category for an OpenSanctions wallet, from FtM topics (first rule that applies):
 *
 * | FtM                                                     | category     |
 * |---------------------------------------------------------|--------------|
 * | topic `sanction`, or a `Sanction` entity names it       | sanctioned   |
 * | topic `crime.theft`                                     | stolen-funds |
 * | topic `crime.cyber`                                     | hacker       |
 * | topic `crime.fraud`                                     | scam         |
 * | anything else (`crime`, `crime.fin`, `sanction.linked`, | other        |
 * | `debarment`, `poi`, …)                                  |              |
 *
 * A `Sanction` entity does not make a wallet sanctioned when the only sanction topic is
 * `sanction.counter`: counter-sanctions (e.g. by Russia on Western officials) are not a risk.
 */
export function openSanctionsCategory(params: OpenSanctionsCategoryParameters): Category {
  const topics = new Set(params.topics)
  const counterOnly = topics.has('sanction.counter') && !topics.has('sanction')
  if (topics.has('sanction') || (params.hasSanction && !counterOnly)) return 'sanctioned'
  if (topics.has('crime.theft')) return 'stolen-funds'
  if (topics.has('crime.cyber')) return 'hacker'
  if (topics.has('crime.fraud')) return 'scam'
  return 'other'
}
