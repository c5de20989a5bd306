import type { Category } from './ListEntry.js'

export const riskLevels = ['severe', 'high', 'medium', 'low', 'none'] as const
export type RiskLevel = (typeof riskLevels)[number]

/** Categories that make an address a risk; the others (exchange, bridge, dex) are venues. */
const riskCategories: ReadonlySet<Category> = new Set([
  'sanctioned',
  'stolen-funds',
  'hacker',
  'mixer',
  'scam',
  'ransomware',
])
/** Where touching the address is itself a reportable event (sanctions, stolen funds). */
const gravest: ReadonlySet<Category> = new Set(['sanctioned', 'stolen-funds'])

export function isRiskCategory(category: Category): boolean {
  return riskCategories.has(category)
}

/** What a risk level is derived from: direct designations, and the nearest exposure per category. */
export type RiskEvidence = {
  readonly direct: readonly Category[]
  /** Hops to the nearest flagged address, per category (1 = direct counterparty). */
  readonly nearest: ReadonlyMap<Category, number>
}

/**
 * The risk level and the rule that produced it (docs/screening.md):
 * severe: the address itself is sanctioned or holds stolen funds;
 * high: it is designated hacker, ransomware, mixer or scam, or a direct counterparty of a
 * sanctioned / stolen-funds address;
 * medium: a direct counterparty of another risk, or 2 hops from sanctioned / stolen funds;
 * low: any other exposure within the hops searched; none: nothing found.
 */
export function riskLevel({ direct, nearest }: RiskEvidence): { level: RiskLevel; rule: string } {
  const directGrave = direct.find((c) => gravest.has(c))
  if (directGrave) return { level: 'severe', rule: `direct: ${directGrave}` }
  const directRisk = direct.find((c) => riskCategories.has(c))
  if (directRisk) return { level: 'high', rule: `direct: ${directRisk}` }
  const exposures = [...nearest.entries()].filter(([c]) => riskCategories.has(c))
  const at = (hops: number, set: (c: Category) => boolean) =>
    exposures.find(([c, h]) => h <= hops && set(c))
  const graveAt1 = at(1, (c) => gravest.has(c))
  if (graveAt1) return { level: 'high', rule: `1 hop from ${graveAt1[0]}` }
  const riskAt1 = at(1, () => true)
  if (riskAt1) return { level: 'medium', rule: `1 hop from ${riskAt1[0]}` }
  const graveAt2 = at(2, (c) => gravest.has(c))
  if (graveAt2) return { level: 'medium', rule: `2 hops from ${graveAt2[0]}` }
  const any = exposures.sort((a, b) => a[1] - b[1])[0]
  if (any) return { level: 'low', rule: `${any[1]} hops from ${any[0]}` }
  return { level: 'none', rule: 'no designation or exposure found' }
}
