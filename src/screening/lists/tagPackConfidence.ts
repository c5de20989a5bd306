/**
 * GraphSense confidence levels and their scores (0–100), as the GraphSense TagPack tool defines
 * them (graphsense/graphsense-tagpack-tool `src/tagpack/db/confidence.csv` @fcddd3ad):
 *
 * | level                    | score | meaning (abridged)                                        |
 * |--------------------------|-------|-----------------------------------------------------------|
 * | override                 | 100   | manual cluster tag                                        |
 * | ownership                | 100   | creator controls the private key                          |
 * | ledger_immanent          | 100   | read from the ledger itself (e.g. USDT blacklist events)  |
 * | manual_transaction       | 90    | creator moved funds between known services                |
 * | service_api              | 70    | from a trusted service provider's API                     |
 * | forensic_investigation   | 70    | known victim or perpetrator from an investigation         |
 * | authority_data           | 60    | public authorities (e.g. OFAC)                            |
 * | trusted_provider         | 50    | trusted third parties (e.g. spam trap)                    |
 * | service_data             | 50    | from a known service (e.g. an exchange's CSV)             |
 * | forensic                 | 50    | somewhat trusted reports (e.g. academic papers)           |
 * | untrusted_transaction    | 40    | a third party moved funds between known services          |
 * | web_crawl                | 20    | crawled from the web or data dumps                        |
 * | heuristic                | 10    | best effort                                               |
 * | unknown (or none given)  | 5     | source and reliability unknown                            |
 *
 * A number from 0 to 100 (or a string of digits) is taken as the score itself.
 */
export const tagPackConfidenceLevels: Readonly<Record<string, number>> = {
  override: 100,
  ownership: 100,
  ledger_immanent: 100,
  manual_transaction: 90,
  service_api: 70,
  forensic_investigation: 70,
  authority_data: 60,
  trusted_provider: 50,
  service_data: 50,
  forensic: 50,
  untrusted_transaction: 40,
  web_crawl: 20,
  heuristic: 10,
  unknown: 5,
}

/**
 * The 0–100 score of a TagPack `confidence` (a level name or a number); `undefined` when the
 * value is neither a known level nor an integer from 0 to 100.
 *
 * @example
 * tagPackConfidence('authority_data') // 60
 */
export function tagPackConfidence(value: string | number | undefined): number | undefined {
  if (value === undefined) return tagPackConfidenceLevels.unknown
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const score = Number(value)
    return Number.isInteger(score) && score >= 0 && score <= 100 ? score : undefined
  }
  const level = value.trim().toLowerCase()
  return Object.hasOwn(tagPackConfidenceLevels, level) ? tagPackConfidenceLevels[level] : undefined
}
