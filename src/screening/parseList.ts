import { ChainwatchError } from '../errors/index.js'
import type { Category, ListKind, ParsedList } from './ListEntry.js'
import {
  parseActorPack,
  parseAddressList,
  parseOpenSanctions,
  parseTagPack,
} from './lists/index.js'
import { parseOfacSdnAdvancedXml, parseOfacSdnCsv, parseOfacSdnXml } from './lists/ofac/index.js'

export type ParseListOptions = {
  /** Where the main file came from (named in error messages). */
  readonly source: string
  readonly comments?: Uint8Array | undefined
  readonly add?: Uint8Array | undefined
  readonly alt?: Uint8Array | undefined
  readonly actors?: Uint8Array
  readonly category?: Category
  readonly confidence?: number
  readonly label?: string
  readonly publishedAt?: string
}

/** Parses a list file of `kind` completely (throws `list.invalid` naming file and place). */
export function parseList(
  kind: ListKind,
  bytes: Uint8Array,
  options: ParseListOptions,
): ParsedList {
  const file = options.source
  switch (kind) {
    case 'ofac-sdn-csv':
      return parseOfacSdnCsv({
        sdn: bytes,
        comments: options.comments,
        add: options.add,
        alt: options.alt,
        publishedAt: options.publishedAt ?? null,
        fileNames: { sdn: file },
      })
    case 'ofac-sdn-xml':
      return parseOfacSdnXml(bytes, { fileName: file })
    case 'ofac-sdn-advanced-xml':
      return parseOfacSdnAdvancedXml(bytes, { fileName: file })
    case 'opensanctions':
      return parseOpenSanctions(bytes, { file })
    case 'tagpack':
      return parseTagPack(bytes, {
        file,
        ...(options.actors === undefined ? {} : { actors: parseActorPack(options.actors) }),
      })
    case 'address-list': {
      if (options.category === undefined) {
        throw new ChainwatchError(
          'input.invalid',
          'An address list needs --category (what the addresses are).',
          {
            meta: { kind },
          },
        )
      }
      return parseAddressList(bytes, {
        category: options.category,
        confidence: options.confidence ?? 100,
        label: options.label,
        file,
      })
    }
  }
}
