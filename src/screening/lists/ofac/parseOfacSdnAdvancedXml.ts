import { ofacLabel } from './ofacLabel.js'
import { ofacListBuilder } from './ofacListBuilder.js'
import type { ParseOfacResult } from './ParseOfacResult.js'
import type { XmlContext, XmlElement } from './streamXml.js'
import { streamXml } from './streamXml.js'

export type ParseOfacSdnAdvancedXmlOptions = {
  /** Name used in errors (default `sdn_advanced.xml`). */
  readonly fileName?: string | undefined
}

const DCA_PREFIX = 'Digital Currency Address - '

type NamePart = { readonly groupId: string; readonly value: string }
type Alias = {
  readonly typeId: string
  readonly primary: boolean
  readonly parts: NamePart[]
  /** DocumentedNames seen; only the first one's parts are kept (later ones are other scripts). */
  documentedNames: number
}

type Party = {
  readonly fixedRef: string
  profileId: string | null
  /** Aliases of the primary identity, each with the parts of its first DocumentedName. */
  readonly aliases: Alias[]
  readonly partTypeOfGroup: Map<string, string>
  readonly addresses: { ticker: string; address: string; profileId: string | null }[]
}

/** Reference values looked up by text, never by id (ids differ between editions). */
type References = {
  readonly tickerOfFeatureType: Map<string, string>
  readonly sanctionsTypes: Map<string, string>
  readonly namePartTypes: Map<string, string>
  readonly aliasTypes: Map<string, string>
}

/**
 * Parses OFAC's `SDN_ADVANCED.XML` (UN Advanced Sanctions List Standard) into sanctioned
 * addresses. The feature types whose text starts with `Digital Currency Address - ` give the
 * tickers; every `VersionDetail` of such a `Feature` inside a `DistinctParty` is an address.
 * The entity is the party's primary name (other aliases go into the label), programmes are the
 * `Comment`s of the `SanctionsMeasure`s of type `Program` in the `SanctionsEntry` of its profile,
 * and `DateOfIssue` gives `publishedAt`. Elements are matched by local name, as the namespace
 * changed between editions. Streams; refuses DOCTYPEs and truncation.
 *
 * @param bytes - the file's bytes (UTF-8).
 * @returns {@link ParseOfacResult}
 * @throws ChainwatchError `list.invalid` naming the file, line and column.
 * @example
 * const list = parseOfacSdnAdvancedXml(readFileSync('SDN_ADVANCED.XML'))
 * list.entries.filter((e) => e.asset === 'XBT').length
 */
export function parseOfacSdnAdvancedXml(
  bytes: Uint8Array,
  options: ParseOfacSdnAdvancedXmlOptions = {},
): ParseOfacResult {
  const refs: References = {
    tickerOfFeatureType: new Map(),
    sanctionsTypes: new Map(),
    namePartTypes: new Map(),
    aliasTypes: new Map(),
  }
  const issued = new Map<string, string>()
  const parties: Party[] = []
  const programmesOfProfile = new Map<string, string[]>()
  let publishedAt: string | null = null
  let referenceValuesRead = false
  let records = 0
  let party: Party | null = null
  let ticker: string | null = null
  let alias: Alias | null = null
  let programmeMeasure = false
  let entryProfile: string | null = null

  streamXml({
    bytes,
    file: options.fileName ?? 'sdn_advanced.xml',
    root: 'Sanctions',
    visitor: {
      open(element, { ancestors, invalid }) {
        const attr = element.attributes
        const current: Party | null = party
        switch (element.name) {
          case 'DistinctParty':
            if (!referenceValuesRead) throw invalid('DistinctParty before ReferenceValueSets')
            party = {
              fixedRef: required(element, 'FixedRef', invalid),
              profileId: null,
              aliases: [],
              partTypeOfGroup: new Map(),
              addresses: [],
            }
            return
          case 'Profile':
            if (current && current.profileId === null) current.profileId = attr.ID ?? null
            return
          case 'Feature':
            ticker = current
              ? (refs.tickerOfFeatureType.get(attr.FeatureTypeID ?? '') ?? null)
              : null
            return
          case 'Alias':
            alias = null
            if (current && ancestors.at(-1)?.attributes.Primary !== 'false') {
              alias = {
                typeId: attr.AliasTypeID ?? '',
                primary: attr.Primary === 'true',
                parts: [],
                documentedNames: 0,
              }
              current.aliases.push(alias)
            }
            return
          case 'DocumentedName':
            if (alias) alias.documentedNames++
            return
          case 'NamePartGroup':
            if (current && attr.ID !== undefined && attr.NamePartTypeID !== undefined) {
              current.partTypeOfGroup.set(attr.ID, attr.NamePartTypeID)
            }
            return
          case 'SanctionsEntry':
            entryProfile = attr.ProfileID ?? null
            return
          case 'SanctionsMeasure':
            programmeMeasure = refs.sanctionsTypes.get(attr.SanctionsTypeID ?? '') === 'Program'
            return
        }
      },
      close(element, rawText, { ancestors, invalid }) {
        const text = rawText.trim()
        const parent = ancestors.at(-1)?.name
        const current: Party | null = party
        switch (element.name) {
          case 'FeatureType':
            if (text.startsWith(DCA_PREFIX)) {
              const symbol = text.slice(DCA_PREFIX.length).trim().toUpperCase()
              refs.tickerOfFeatureType.set(required(element, 'ID', invalid), symbol)
            }
            return
          case 'SanctionsType':
            refs.sanctionsTypes.set(required(element, 'ID', invalid), text)
            return
          case 'NamePartType':
            refs.namePartTypes.set(required(element, 'ID', invalid), text)
            return
          case 'AliasType':
            refs.aliasTypes.set(required(element, 'ID', invalid), text)
            return
          case 'ReferenceValueSets':
            referenceValuesRead = true
            return
          case 'Year':
          case 'Month':
          case 'Day':
            if (parent === 'DateOfIssue') issued.set(element.name, text)
            return
          case 'DateOfIssue':
            if (parent === 'Sanctions') publishedAt = issueDate(issued, invalid)
            return
          case 'VersionDetail':
            if (current && ticker !== null && text !== '') {
              current.addresses.push({ ticker, address: text, profileId: current.profileId })
            }
            return
          case 'Feature':
            ticker = null
            return
          case 'NamePartValue':
            if (alias?.documentedNames === 1 && ancestors.at(-2)?.name === 'DocumentedName') {
              alias.parts.push({ groupId: element.attributes.NamePartGroupID ?? '', value: text })
            }
            return
          case 'Alias':
            alias = null
            return
          case 'DistinctParty':
            records++
            if (current && current.addresses.length > 0) parties.push(current)
            party = null
            return
          case 'Comment':
            if (parent === 'SanctionsMeasure' && programmeMeasure && entryProfile && text !== '') {
              const list = programmesOfProfile.get(entryProfile)
              if (list === undefined) programmesOfProfile.set(entryProfile, [text])
              else if (!list.includes(text)) list.push(text)
            }
            return
          case 'SanctionsMeasure':
            programmeMeasure = false
            return
          case 'SanctionsEntry':
            entryProfile = null
            return
        }
      },
    },
  })

  const list = ofacListBuilder()
  for (const current of parties) {
    const primary = current.aliases.find((a) => a.primary) ?? current.aliases[0]
    const entity = primary ? aliasName(primary, current, refs) : null
    const label = ofacLabel({
      aliases: current.aliases
        .filter((a) => a !== primary)
        .map(
          (a) => [refs.aliasTypes.get(a.typeId) ?? 'alias', aliasName(a, current, refs)] as const,
        ),
      countries: [],
    })
    for (const { ticker: symbol, address, profileId } of current.addresses) {
      const programmes = programmesOfProfile.get(profileId ?? current.fixedRef) ?? []
      list.address({ entity, entityId: current.fixedRef, programmes, label }, symbol, address)
    }
  }
  return list.finish(publishedAt, records)
}

function required(element: XmlElement, name: string, invalid: XmlContext['invalid']): string {
  const value = element.attributes[name]
  if (value === undefined || value === '') throw invalid(`<${element.name}> without ${name}`)
  return value
}

/** `LAST, First Middle` like sdn.csv's SDN_Name when a part is a Last Name, else parts in order. */
function aliasName(alias: Alias, party: Party, refs: References): string {
  const { parts } = alias
  const isLast = (part: NamePart) =>
    refs.namePartTypes.get(party.partTypeOfGroup.get(part.groupId) ?? '') === 'Last Name'
  const last = parts.filter(isLast).map((p) => p.value)
  const rest = parts.filter((p) => !isLast(p)).map((p) => p.value)
  if (last.length === 0 || rest.length === 0) return parts.map((p) => p.value).join(' ')
  return `${last.join(' ')}, ${rest.join(' ')}`
}

function issueDate(issued: ReadonlyMap<string, string>, invalid: XmlContext['invalid']): string {
  const [year = '', month = '', day = ''] = ['Year', 'Month', 'Day'].map((k) => issued.get(k))
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  const numeric = /^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)
  if (!numeric || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw invalid(`DateOfIssue ${year}-${month}-${day} is not a date`)
  }
  return iso
}
