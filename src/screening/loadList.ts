import { createHash } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { ChainwatchError } from '../errors/index.js'
import type { ReplaceListResult, Store } from '../store/index.js'
import type { Category, ListKind, ListRejection } from './ListEntry.js'
import { parseList } from './parseList.js'
import { readListSource, readOptionalListSource } from './readListSource.js'

export type LoadListParameters = {
  readonly kind: ListKind
  /** File path or http(s) URL. */
  readonly from: string
  /** List name (stable across versions); defaults by kind (`ofac-sdn`, `opensanctions`, …). */
  readonly name?: string
  /** OFAC sdn.csv companions; by default sdn_comments.csv, add.csv and alt.csv beside `from`. */
  readonly companions?: { readonly comments?: string; readonly add?: string; readonly alt?: string }
  /** TagPack actor pack (actor ids → names). */
  readonly actors?: string
  /** Plain address lists: what the addresses are, with what confidence, from where. */
  readonly category?: Category
  readonly confidence?: number
  readonly label?: string
  /** Publication date when the file does not state one (ISO 8601). */
  readonly publishedAt?: string
  readonly now?: () => Date
}

export type LoadListResult = ReplaceListResult & {
  readonly list: string
  readonly entries: number
  readonly rejected: readonly ListRejection[]
  readonly sha256: string
  /** Companion files looked for and not found (their data is missing from this version). */
  readonly missing: readonly string[]
}

/**
 * Loads one version of a list: reads or downloads it (and its companions) completely, parses it
 * completely, then swaps it in with one store transaction. Anything that fails before the swap
 * leaves the active list exactly as it was.
 */
export async function loadList(
  deps: { readonly store: Pick<Store, 'replaceList'> },
  parameters: LoadListParameters,
): Promise<LoadListResult> {
  const { kind, from } = parameters
  const main = await readListSource(from)
  const missing: string[] = []
  const companion = async (explicit: string | undefined, fileName: string) => {
    const path = explicit ?? sibling(from, fileName)
    const source =
      explicit === undefined ? await readOptionalListSource(path) : await readListSource(path)
    if (source === null) missing.push(path)
    return source?.bytes
  }
  const extra =
    kind === 'ofac-sdn-csv'
      ? {
          comments: await companion(parameters.companions?.comments, 'sdn_comments.csv'),
          add: await companion(parameters.companions?.add, 'add.csv'),
          alt: await companion(parameters.companions?.alt, 'alt.csv'),
        }
      : {}
  const actors =
    parameters.actors === undefined ? undefined : (await readListSource(parameters.actors)).bytes
  const parsed = parseList(kind, main.bytes, {
    ...extra,
    ...(actors === undefined ? {} : { actors }),
    source: main.from,
    ...(parameters.category === undefined ? {} : { category: parameters.category }),
    ...(parameters.confidence === undefined ? {} : { confidence: parameters.confidence }),
    ...(parameters.label === undefined ? {} : { label: parameters.label }),
    ...(parameters.publishedAt === undefined ? {} : { publishedAt: parameters.publishedAt }),
  })
  const list = parameters.name ?? defaultName(kind, from)
  if (parsed.entries.length === 0) {
    // A version with no entries would end every designation of the list: far more likely a
    // wrong or broken file than a real list that delisted everyone.
    throw new ChainwatchError(
      'list.invalid',
      `${main.from} holds no usable addresses; the active list is unchanged.`,
      {
        meta: { file: main.from, list, rejected: parsed.rejected.length },
      },
    )
  }
  const sha256 = createHash('sha256').update(main.bytes).digest('hex')
  const replaced = await deps.store.replaceList({
    list,
    kind,
    source: main.from,
    publishedAt: parsed.publishedAt ?? parameters.publishedAt ?? null,
    sha256,
    loadedAt: (parameters.now?.() ?? new Date()).toISOString(),
    entries: parsed.entries,
  })
  return {
    ...replaced,
    list,
    entries: parsed.entries.length,
    rejected: parsed.rejected,
    sha256,
    missing,
  }
}

function sibling(from: string, fileName: string): string {
  if (/^https?:\/\//i.test(from)) return new URL(fileName, from).toString()
  return join(dirname(from), fileName)
}

function defaultName(kind: ListKind, from: string): string {
  switch (kind) {
    case 'ofac-sdn-csv':
    case 'ofac-sdn-xml':
    case 'ofac-sdn-advanced-xml':
      return 'ofac-sdn'
    case 'opensanctions':
      return 'opensanctions'
    case 'tagpack':
      return `tagpack-${basename(from).replace(/\.ya?ml$/i, '')}`
    case 'address-list':
      return basename(from).replace(/\.(txt|csv)$/i, '')
  }
}
