import type { ListEntry, ListRejection, ParsedList } from '../ListEntry.js'
import { checkConfidence } from './checkConfidence.js'
import { decodeListText } from './decodeListText.js'
import { displayText } from './displayText.js'
import { type FtmEntity, ftmEntitySchema, ftmReferences, ftmStrings } from './FtmEntity.js'
import { listInvalid } from './listInvalid.js'
import { openSanctionsCategory } from './openSanctionsCategory.js'
import { resolveListAddress } from './resolveListAddress.js'
import { tickerChains } from './tickerChains.js'
import { uniqueEntries } from './uniqueEntries.js'

export type ParseOpenSanctionsParameters = {
  /** 0–100 for every entry (default 100: OpenSanctions republishes official lists). */
  readonly confidence?: number | undefined
  /** The file name, for error messages. */
  readonly file?: string | undefined
}

/** What the wallets of a holder inherit from it. */
type Party = {
  readonly name: string | null
  readonly topics: readonly string[]
  readonly programmes: readonly string[]
}

type Wallet = { readonly line: number; readonly entity: FtmEntity }

/**
 * Reads OpenSanctions / FollowTheMoney entities (JSON lines, one entity per line) and returns one
 * entry per address of each `CryptoWallet`:
 * - address: `publicKey`, validated by the codec its `currency` allows (see `tickerChains`); a
 *   currency without codec (`XMR`) or an invalid address is rejected, naming the entity id;
 * - entity: the name of the `holder` when the holder is in the same file, else the holder's id;
 *   entityId: the holder's id, or the wallet's own id when it has no holder;
 * - category: from the topics of wallet and holder and from `Sanction` entities naming either
 *   (see `openSanctionsCategory`);
 * - programmes: `program` of the wallet, of its holder and of the `Sanction` entities naming
 *   either; when none states a programme, the wallet's OpenSanctions `datasets` (`us_ofac_sdn`), so
 *   that a hit always says where it was listed;
 * - label: the wallet's `name` or `summary`, if any;
 * - publishedAt: the latest `last_seen` (else `last_change`) date of any entity: the export date.
 * Lists are all-or-nothing: a line that is not a JSON entity anywhere makes the whole file invalid.
 *
 * @param bytes - the file
 * @param params - {@link ParseOpenSanctionsParameters}
 * @throws ChainwatchError `list.invalid` naming the line; `input.invalid` for a bad confidence.
 * @example
 * parseOpenSanctions(readFileSync('entities.ftm.json')).entries[0]
 * // { chain: 'ethereum', address: '0x098b…', category: 'sanctioned', entity: 'LAZARUS GROUP', … }
 */
export function parseOpenSanctions(
  bytes: Uint8Array,
  params: ParseOpenSanctionsParameters = {},
): ParsedList {
  const { file } = params
  const confidence = checkConfidence(params.confidence ?? 100)
  const text = decodeListText(bytes, file)
  const wallets: Wallet[] = []
  const parties = new Map<string, Party>()
  const sanctioned = new Map<string, string[]>()
  let publishedAt: string | null = null
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const entity = readEntity(line, index + 1, file)
    publishedAt = later(publishedAt, entity.last_seen ?? entity.last_change)
    if (entity.schema === 'CryptoWallet') wallets.push({ line: index + 1, entity })
    else if (entity.schema === 'Sanction') {
      for (const target of ftmReferences(entity, 'entity')) {
        const id = typeof target === 'string' ? target : target.id
        const programmes = sanctioned.get(id) ?? []
        programmes.push(...programmesOf(entity))
        sanctioned.set(id, programmes)
      }
    } else parties.set(entity.id, partyOf(entity))
  }
  const entries: ListEntry[] = []
  const rejected: ListRejection[] = []
  for (const wallet of wallets) {
    const result = walletEntries(wallet, { parties, sanctioned, confidence })
    entries.push(...result.entries)
    rejected.push(...result.rejected)
  }
  return { entries: uniqueEntries(entries), rejected, publishedAt }
}

function readEntity(line: string, lineNumber: number, file: string | undefined): FtmEntity {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    throw listInvalid({ file, where: `line ${lineNumber}`, reason: `not JSON (${why})`, cause })
  }
  const entity = ftmEntitySchema.safeParse(json)
  if (entity.success) return entity.data
  const issues = entity.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return path === '' ? issue.message : `${path}: ${issue.message}`
  })
  throw listInvalid({
    file,
    where: `line ${lineNumber}`,
    reason: `not a FollowTheMoney entity (${displayText(issues.join('; '))})`,
    cause: entity.error,
  })
}

function partyOf(entity: FtmEntity): Party {
  const [name] = ftmStrings(entity, 'name')
  return {
    name: name ?? (entity.caption?.trim() || null),
    topics: ftmStrings(entity, 'topics'),
    programmes: programmesOf(entity),
  }
}

function programmesOf(entity: FtmEntity): readonly string[] {
  const programmes = ftmStrings(entity, 'program')
  return programmes.length > 0 ? programmes : ftmStrings(entity, 'programId')
}

type WalletContext = {
  readonly parties: ReadonlyMap<string, Party>
  readonly sanctioned: ReadonlyMap<string, readonly string[]>
  readonly confidence: number
}

function walletEntries(
  { line, entity }: Wallet,
  { parties, sanctioned, confidence }: WalletContext,
): { entries: readonly ListEntry[]; rejected: readonly ListRejection[] } {
  const where = `entity ${displayText(entity.id)} (line ${line})`
  const keys = ftmStrings(entity, 'publicKey')
  if (keys.length === 0) {
    return {
      entries: [],
      rejected: [{ where, input: displayText(entity.id), reason: 'CryptoWallet has no publicKey' }],
    }
  }
  const [currency] = [...ftmStrings(entity, 'currency'), ...ftmStrings(entity, 'currencySymbol')]
  const chains = tickerChains(currency)
  if (chains === undefined) {
    const reason = `no codec for ${displayText(currency ?? '')}`
    return {
      entries: [],
      rejected: keys.map((key) => ({ where, input: displayText(key), reason })),
    }
  }
  const [holderRef] = ftmReferences(entity, 'holder')
  const holderId =
    holderRef === undefined ? null : typeof holderRef === 'string' ? holderRef : holderRef.id
  const holder =
    holderRef === undefined
      ? undefined
      : typeof holderRef === 'string'
        ? parties.get(holderRef)
        : partyOf(holderRef)
  const walletSanctions = sanctioned.get(entity.id)
  const holderSanctions = holderId === null ? undefined : sanctioned.get(holderId)
  const category = openSanctionsCategory({
    topics: [...ftmStrings(entity, 'topics'), ...(holder?.topics ?? [])],
    hasSanction: walletSanctions !== undefined || holderSanctions !== undefined,
  })
  const stated = new Set([
    ...programmesOf(entity),
    ...(holder?.programmes ?? []),
    ...(walletSanctions ?? []),
    ...(holderSanctions ?? []),
  ])
  const programmes = stated.size > 0 ? [...stated] : [...new Set(entity.datasets ?? [])]
  const [label] = [...ftmStrings(entity, 'name'), ...ftmStrings(entity, 'summary')]
  const entries: ListEntry[] = []
  const rejected: ListRejection[] = []
  for (const key of keys) {
    const resolved = resolveListAddress(key, chains)
    if ('reason' in resolved) {
      rejected.push({ where, input: displayText(key), reason: resolved.reason })
      continue
    }
    entries.push({
      ...resolved,
      asset: currency?.toUpperCase() ?? null,
      category,
      entity: holder?.name ?? holderId,
      entityId: holderId ?? entity.id,
      programmes,
      confidence,
      label: label ?? null,
    })
  }
  return { entries, rejected }
}

/** The later of two ISO dates (date part only); values that are not ISO dates are ignored. */
function later(current: string | null, candidate: string | null | undefined): string | null {
  const date = candidate?.match(/^\d{4}-\d{2}-\d{2}/)?.[0]
  if (date === undefined) return current
  return current === null || date > current ? date : current
}
