import type { Category } from '../ListEntry.js'

/**
 * GraphSense `abuse` values (INTERPOL abuse taxonomy, graphsense-tagpack-tool `abuses.yaml` /
 * `concepts.yaml`) → our category. Values used by the real packs: sanction (lazarus, lazarus2),
 * service_hack (ronin_bridge, binance_hack, 178 tags of hacks), scam (plustoken,
 * twitter_hack_scam), phishing (electrum_phishing).
 *
 * | abuse                                                        | category   |
 * |--------------------------------------------------------------|------------|
 * | sanction                                                     | sanctioned |
 * | service_hack                                                 | hacker     |
 * | ransomware                                                   | ransomware |
 * | scam, phishing, investment_fraud, ponzi_scheme,              | scam       |
 * | pyramid_scheme, extortion, sextortion, payment_card_fraud    |            |
 * | any other (money_laundering, terrorism, dark_web, …)         | other      |
 */
const abuseCategories: Readonly<Record<string, Category>> = {
  sanction: 'sanctioned',
  service_hack: 'hacker',
  ransomware: 'ransomware',
  scam: 'scam',
  phishing: 'scam',
  investment_fraud: 'scam',
  ponzi_scheme: 'scam',
  pyramid_scheme: 'scam',
  extortion: 'scam',
  sextortion: 'scam',
  payment_card_fraud: 'scam',
}

/**
 * GraphSense `category` and `concepts` values (concepts taxonomy) → our category. Values used by
 * the real packs: exchange, mixing_service, coinjoin (samourai, wasabi_collector), user,
 * organization, service, gambling, miner, market, wallet_service, black_list (usdt_blacklist).
 *
 * | category / concept                 | category |
 * |------------------------------------|----------|
 * | exchange                           | exchange |
 * | mixing_service, mixing, coinjoin   | mixer    |
 * | defi_bridge                        | bridge   |
 * | defi_dex                           | dex      |
 * | any other (user, organization,     | other    |
 * | gambling, miner, black_list, …)    |          |
 */
const conceptCategories: Readonly<Record<string, Category>> = {
  exchange: 'exchange',
  mixing_service: 'mixer',
  mixing: 'mixer',
  coinjoin: 'mixer',
  defi_bridge: 'bridge',
  defi_dex: 'dex',
}

export type TagPackCategoryParameters = {
  readonly abuse?: string | undefined
  readonly category?: string | undefined
  readonly concepts?: readonly string[] | undefined
}

/**
 * Our category for a tag: its `abuse` decides when it has one (an exchange's hacked wallet is
 * risk, not a counterparty); else its `category`, else the first of its `concepts` we map; else
 * `other`.
 *
 * @example
 * tagPackCategory({ abuse: 'sanction', category: 'user' }) // 'sanctioned'
 */
export function tagPackCategory(params: TagPackCategoryParameters): Category {
  const { abuse, category, concepts = [] } = params
  if (abuse !== undefined) return lookup(abuseCategories, abuse) ?? 'other'
  for (const concept of [...(category === undefined ? [] : [category]), ...concepts]) {
    const mapped = lookup(conceptCategories, concept)
    if (mapped !== undefined) return mapped
  }
  return 'other'
}

function lookup(table: Readonly<Record<string, Category>>, key: string): Category | undefined {
  const normalised = key.trim().toLowerCase()
  return Object.hasOwn(table, normalised) ? table[normalised] : undefined
}
