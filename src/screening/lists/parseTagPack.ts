import type { AddressChain } from '../../chain/index.js'
import type { ListEntry, ListRejection, ParsedList } from '../ListEntry.js'
import { decodeListText } from './decodeListText.js'
import { displayText } from './displayText.js'
import { listInvalid } from './listInvalid.js'
import { readYaml } from './readYaml.js'
import { resolveListAddress } from './resolveListAddress.js'
import { tagPackCategory } from './tagPackCategory.js'
import { tagPackConfidence } from './tagPackConfidence.js'
import { uniqueEntries } from './uniqueEntries.js'
import { yamlDate } from './yamlDate.js'

export type ParseTagPackParameters = {
  /** Actor ids → names (see `parseActorPack`); an actor not in it keeps its id as name. */
  readonly actors?: ReadonlyMap<string, string> | undefined
  /** The file name, for error messages. */
  readonly file?: string | undefined
  /** Larger files are refused before parsing (default 32 MiB; the largest real pack is 4 MB). */
  readonly maxBytes?: number | undefined
}

/**
 * GraphSense currency (or `network`, which wins when given) → chain. Any other currency (BCH,
 * LTC, ZEC, XRP, BSC, USDT without a network, …) is rejected: no codec.
 */
const currencyChains: Readonly<Record<string, AddressChain>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  TRX: 'tron',
}

/** The tag fields a header may set for all its tags; a tag's own value wins. */
type TagFields = {
  readonly currency?: string | undefined
  readonly network?: string | undefined
  readonly label?: string | undefined
  readonly category?: string | undefined
  readonly abuse?: string | undefined
  readonly actor?: string | undefined
  readonly confidence?: string | number | undefined
  readonly concepts?: readonly string[] | undefined
}

const textFields = ['currency', 'network', 'label', 'category', 'abuse', 'actor'] as const

/**
 * Reads a GraphSense TagPack (YAML: header fields, then `tags: [{address, …}]`) and returns one
 * entry per tag. Header fields (`currency`, `network`, `label`, `category`, `abuse`, `actor`,
 * `confidence`, `concepts`) are defaults that a tag's own field overrides. Category: see
 * `tagPackCategory`; confidence: see `tagPackConfidence`; entity: the actor's name from `actors`
 * (else its id), entityId: the actor id; asset: the currency; label: the tag's or header's label;
 * publishedAt: the header's `lastmod`. A tag whose currency has no codec or whose address is
 * invalid is rejected with its line; a file that is not a TagPack is invalid as a whole.
 *
 * @param bytes - the file
 * @param params - {@link ParseTagPackParameters}
 * @throws ChainwatchError `list.invalid` naming the line.
 * @example
 * parseTagPack(readFileSync('lazarus.yaml'), { actors }).entries[0]
 * // { chain: 'bitcoin', address: '134r8i…', category: 'sanctioned', entity: 'Lazarus Group', … }
 */
export function parseTagPack(bytes: Uint8Array, params: ParseTagPackParameters = {}): ParsedList {
  const { actors = new Map<string, string>(), file, maxBytes = 32 * 1024 * 1024 } = params
  if (bytes.length > maxBytes) {
    throw listInvalid({ file, reason: `it is larger than ${maxBytes} bytes` })
  }
  const yaml = readYaml(decodeListText(bytes, file), file)
  const pack = yaml.value
  if (!isRecord(pack)) throw listInvalid({ file, reason: 'not a TagPack (not a YAML mapping)' })
  const { tags } = pack
  if (!Array.isArray(tags)) throw listInvalid({ file, reason: 'not a TagPack (no "tags" list)' })
  const header = readFields(pack)
  if (typeof header === 'string') throw listInvalid({ file, where: 'header', reason: header })
  if (tagPackConfidence(header.confidence) === undefined) {
    throw listInvalid({
      file,
      where: 'header',
      reason: `unknown confidence "${displayText(String(header.confidence))}"`,
    })
  }
  const publishedAt = yamlDate(pack.lastmod)
  if (publishedAt === undefined) {
    throw listInvalid({ file, where: 'header', reason: 'lastmod is not a date' })
  }
  const lines = yaml.itemLines('tags')
  const entries: ListEntry[] = []
  const rejected: ListRejection[] = []
  for (const [index, tag] of tags.entries()) {
    const where = `line ${lines[index] ?? 0}`
    const result = readTag(tag, header, actors)
    if ('reason' in result) rejected.push({ ...result, where })
    else entries.push(result)
  }
  return { entries: uniqueEntries(entries), rejected, publishedAt }
}

/** Why a tag cannot be used. */
type TagProblem = { readonly input: string; readonly reason: string }

function readTag(
  tag: unknown,
  header: TagFields,
  actors: ReadonlyMap<string, string>,
): ListEntry | TagProblem {
  if (!isRecord(tag)) return { input: '', reason: 'tag is not a mapping' }
  if (typeof tag.address === 'number' || typeof tag.address === 'bigint') {
    // YAML reads an unquoted `0x…` as a hexadecimal number; its digits are lost.
    return { input: String(tag.address), reason: 'address is a number: quote it in the YAML' }
  }
  const address = typeof tag.address === 'string' ? tag.address.trim() : ''
  const input = displayText(address)
  if (address === '') return { input, reason: 'tag has no address' }
  const own = readFields(tag)
  if (typeof own === 'string') return { input, reason: own }
  const fields = overlay(header, own)
  const { currency, network, actor } = fields
  if (currency === undefined) return { input, reason: 'tag has no currency' }
  const chain = lookupChain(network ?? currency)
  if (chain === undefined) {
    return { input, reason: `no codec for ${displayText(network ?? currency)}` }
  }
  const confidence = tagPackConfidence(fields.confidence)
  if (confidence === undefined) {
    return {
      input,
      reason: `unknown confidence "${displayText(String(fields.confidence))}"`,
    }
  }
  const resolved = resolveListAddress(address, [chain])
  if ('reason' in resolved) return { input, reason: resolved.reason }
  return {
    ...resolved,
    asset: currency.toUpperCase(),
    category: tagPackCategory(fields),
    entity: actor === undefined ? null : (actors.get(actor) ?? actor),
    entityId: actor ?? null,
    programmes: [],
    confidence,
    label: fields.label ?? null,
  }
}

/** The tag fields of a header or tag, or why one of them is malformed. */
function readFields(source: Readonly<Record<string, unknown>>): TagFields | string {
  const fields: Record<string, string | undefined> = {}
  for (const name of textFields) {
    const value = source[name]
    if (value === undefined || value === null) continue
    // Unquoted YAML turns `label: 2021` into a number; it is still the label.
    if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value)
    else if (typeof value === 'string')
      fields[name] = value.trim() === '' ? undefined : value.trim()
    else return `${name} is not text`
  }
  const { confidence, concepts } = source
  if (confidence !== undefined && confidence !== null) {
    if (typeof confidence !== 'string' && typeof confidence !== 'number') {
      return 'confidence is neither a level nor a number'
    }
  }
  if (concepts !== undefined && concepts !== null) {
    if (!Array.isArray(concepts) || !concepts.every((c) => typeof c === 'string')) {
      return 'concepts is not a list of text'
    }
  }
  return {
    ...fields,
    confidence:
      typeof confidence === 'string' || typeof confidence === 'number' ? confidence : undefined,
    concepts: Array.isArray(concepts) ? concepts.filter((c) => typeof c === 'string') : undefined,
  }
}

/** The tag's own fields, the header's where the tag leaves one out. */
function overlay(header: TagFields, own: TagFields): TagFields {
  return {
    currency: own.currency ?? header.currency,
    network: own.network ?? header.network,
    label: own.label ?? header.label,
    category: own.category ?? header.category,
    abuse: own.abuse ?? header.abuse,
    actor: own.actor ?? header.actor,
    confidence: own.confidence ?? header.confidence,
    concepts: own.concepts ?? header.concepts,
  }
}

function lookupChain(currency: string): AddressChain | undefined {
  const ticker = currency.toUpperCase()
  return Object.hasOwn(currencyChains, ticker) ? currencyChains[ticker] : undefined
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}
