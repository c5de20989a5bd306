import { listInvalid } from './listInvalid.js'
import { ofacLabel } from './ofacLabel.js'
import { ofacListBuilder } from './ofacListBuilder.js'
import type { ParseOfacResult } from './ParseOfacResult.js'
import { streamXml } from './streamXml.js'

export type ParseOfacSdnXmlOptions = {
  /** Name used in errors (default `sdn.xml`). */
  readonly fileName?: string | undefined
}

const DCA_PREFIX = 'Digital Currency Address - '
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/

type Entry = {
  uid: string | null
  lastName: string | null
  firstName: string | null
  programmes: string[]
  addresses: { ticker: string; address: string }[]
  aliases: (readonly [string, string])[]
  countries: string[]
}

/**
 * Parses OFAC's classic XML (`sdnList`: sdn.xml, consolidated.xml) into sanctioned addresses:
 * every `sdnEntry/idList/id` whose idType is `Digital Currency Address - TICKER`, with the
 * entry's name and programmes; `Publish_Date` gives `publishedAt`. Streams, and refuses
 * DOCTYPEs, truncation and a `Record_Count` that disagrees with the entries read.
 *
 * @param bytes - the file's bytes (UTF-8).
 * @returns {@link ParseOfacResult}
 * @throws ChainwatchError `list.invalid` naming the file, line and column.
 * @example
 * const list = parseOfacSdnXml(readFileSync('sdn.xml'))
 * list.publishedAt // '2018-04-06'
 */
export function parseOfacSdnXml(
  bytes: Uint8Array,
  options: ParseOfacSdnXmlOptions = {},
): ParseOfacResult {
  const file = options.fileName ?? 'sdn.xml'
  const list = ofacListBuilder()
  let publishedAt: string | null = null
  let recordCount: number | null = null
  let records = 0
  let entry: Entry | null = null
  let id: { type: string; number: string } | null = null
  let aka: { type: string; lastName: string | null; firstName: string | null } | null = null

  streamXml({
    bytes,
    file,
    root: 'sdnList',
    visitor: {
      open(element, { ancestors }) {
        const parent = ancestors.at(-1)?.name
        if (element.name === 'sdnEntry' && parent === 'sdnList') {
          entry = {
            uid: null,
            lastName: null,
            firstName: null,
            programmes: [],
            addresses: [],
            aliases: [],
            countries: [],
          }
        } else if (element.name === 'id' && parent === 'idList') {
          id = { type: '', number: '' }
        } else if (element.name === 'aka' && parent === 'akaList') {
          aka = { type: 'a.k.a.', lastName: null, firstName: null }
        }
      },
      close(element, rawText, { ancestors, invalid }) {
        const text = rawText.trim()
        const parent = ancestors.at(-1)?.name
        const current: Entry | null = entry
        switch (`${parent}/${element.name}`) {
          case 'publshInformation/Publish_Date':
            publishedAt = usDateToIso(text, invalid)
            return
          case 'publshInformation/Record_Count':
            if (!/^\d+$/.test(text))
              throw invalid(`Record_Count "${text.slice(0, 40)}" is not a number`)
            recordCount = Number.parseInt(text, 10)
            return
          case 'sdnEntry/uid':
            if (current) current.uid = text
            return
          case 'sdnEntry/lastName':
            if (current) current.lastName = text
            return
          case 'sdnEntry/firstName':
            if (current) current.firstName = text
            return
          case 'programList/program':
            if (current && text !== '') current.programmes.push(text)
            return
          case 'id/idType':
            if (id) id.type = text
            return
          case 'id/idNumber':
            if (id) id.number = text
            return
          case 'idList/id':
            if (current && id?.type.startsWith(DCA_PREFIX)) {
              const ticker = id.type.slice(DCA_PREFIX.length).trim().toUpperCase()
              current.addresses.push({ ticker, address: id.number })
            }
            id = null
            return
          case 'aka/type':
            if (aka) aka.type = text
            return
          case 'aka/lastName':
            if (aka) aka.lastName = text
            return
          case 'aka/firstName':
            if (aka) aka.firstName = text
            return
          case 'akaList/aka':
            if (current && aka) current.aliases.push([aka.type, entityName(aka) ?? ''])
            aka = null
            return
          case 'address/country':
            if (current) current.countries.push(text)
            return
          case 'sdnList/sdnEntry':
            records++
            if (current) finishEntry(current, invalid)
            entry = null
            return
        }
      },
    },
  })

  function finishEntry(current: Entry, invalid: (reason: string) => Error): void {
    if (current.uid === null || !/^\d+$/.test(current.uid)) {
      throw invalid(`sdnEntry without a numeric uid`)
    }
    const designation = {
      entity: entityName(current),
      entityId: current.uid,
      programmes: current.programmes,
      label: ofacLabel({ aliases: current.aliases, countries: current.countries }),
    }
    for (const { ticker, address } of current.addresses) list.address(designation, ticker, address)
  }

  if (recordCount !== null && recordCount !== records) {
    throw listInvalid({
      file,
      reason: `Record_Count says ${recordCount} entries but the file holds ${records}`,
    })
  }
  return list.finish(publishedAt, records)
}

/** `LAST, First` as sdn.csv writes SDN_Name. */
function entityName(entry: { lastName: string | null; firstName: string | null }): string | null {
  if (entry.lastName === null) return entry.firstName
  return entry.firstName === null ? entry.lastName : `${entry.lastName}, ${entry.firstName}`
}

function usDateToIso(text: string, invalid: (reason: string) => Error): string {
  const match = US_DATE.exec(text)
  const iso = match ? `${match[3]}-${match[1]}-${match[2]}` : ''
  const date = new Date(`${iso}T00:00:00Z`)
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw invalid(`Publish_Date "${text.slice(0, 40)}" is not MM/DD/YYYY`)
  }
  return iso
}
