/** One `Digital Currency Address - TICKER ADDRESS` item of an OFAC remark. */
export type DigitalCurrencyAddress = {
  /** OFAC's ticker, upper case (`XBT`, `ETH`, `USDT`). */
  readonly ticker: string
  /** The address exactly as written (case kept). */
  readonly address: string
}

export type ExtractDigitalCurrencyAddressesResult = {
  readonly found: readonly DigitalCurrencyAddress[]
  /** Items that name a digital currency address but do not have the expected shape. */
  readonly unreadable: readonly string[]
}

const ITEM = /^(?:alt\.\s*)?Digital Currency Address\s*-\s*([A-Za-z0-9]+)\s+(\S+)$/
const MENTION = /Digital\s+Currency\s+Address/i

/**
 * Finds every `[alt. ]Digital Currency Address - TICKER ADDRESS` item in OFAC remarks (items are
 * `;`-separated; the last one may end with a period). Join Remarks with their sdn_comments
 * overflow first: the 1,000-character cut can fall inside an address.
 *
 * @example
 * extractDigitalCurrencyAddresses('a.k.a. X; Digital Currency Address - XBT 1Abc; alt. Digital Currency Address - ETH 0x12.')
 * // { found: [{ ticker: 'XBT', address: '1Abc' }, { ticker: 'ETH', address: '0x12' }], unreadable: [] }
 */
export function extractDigitalCurrencyAddresses(
  remarks: string,
): ExtractDigitalCurrencyAddressesResult {
  const found: DigitalCurrencyAddress[] = []
  const unreadable: string[] = []
  if (!MENTION.test(remarks)) return { found, unreadable }
  for (const part of remarks.split(';')) {
    const item = part.trim().replace(/\.$/, '')
    if (!MENTION.test(item)) continue
    const match = ITEM.exec(item)
    const ticker = match?.[1]
    const address = match?.[2]
    if (ticker === undefined || address === undefined) unreadable.push(item)
    else found.push({ ticker: ticker.toUpperCase(), address })
  }
  return { found, unreadable }
}
