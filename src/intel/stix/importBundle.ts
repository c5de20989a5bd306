import { ChainwatchError } from '../../errors/index.js'
import type { Category } from '../../screening/index.js'
import { effectiveTlp, type Tlp, tlpLevels, tlpMarkingIds } from '../tlp/tlp.js'
import type { WalletDesignation } from './designation.js'
import { type BundleLimits, readBundle } from './readBundle.js'
import { resolveWallet } from './resolveWallet.js'
import { isRecord, validateStixObject } from './validateStix.js'
import { knownCryptoExtensionIds, type StixObject } from './vocabulary.js'
import { claimsOf, type WalletClaim } from './walletClaims.js'

export type ImportOptions = {
  /** When the bundle arrived: `validFrom` of wallets that carry none (OpenCTI observables). */
  readonly receivedAt: string
  /** TLP of objects without a TLP marking; AMBER unless the sharing agreement says otherwise. */
  readonly unmarkedTlp?: Tlp
  /** Confidence of claims that state none (MISP); default 50. */
  readonly defaultConfidence?: number
  readonly limits?: Partial<BundleLimits>
}

/** A wallet designation received from another organisation, with where it came from. */
export type ImportedIndicator = WalletDesignation & {
  readonly tlp: Tlp
  readonly revoked: boolean
  /** The STIX object it was read from. */
  readonly objectId: string
  readonly createdByRef: string | null
  readonly source: WalletClaim['source']
}

/** An object (or one address of it) refused, with the reason. */
export type ObjectRejection = {
  readonly index: number
  readonly id: string | null
  readonly type: string | null
  readonly reason: string
}

export type StixImport = {
  readonly bundleId: string
  /** Objects that passed every check, wallet-related or not (unknown types are kept, uninterpreted). */
  readonly objects: readonly StixObject[]
  readonly indicators: readonly ImportedIndicator[]
  readonly rejected: readonly ObjectRejection[]
}

/** Extension types that define a whole object: content we cannot check unless we know the definition. */
const objectDefiningExtensions = new Set(['new-sdo', 'new-sco', 'new-sro'])

/**
 * Reads a STIX 2.1 bundle from another organisation. The bundle as a whole must be well formed
 * and within limits (else it throws and nothing is read); each object is then checked on its own
 * — OASIS schema, extensions, pattern, address — and a bad object is reported in `rejected`
 * without affecting the others.
 */
export function importStixBundle(input: string | Uint8Array, options: ImportOptions): StixImport {
  const receivedAt = Date.parse(options.receivedAt)
  if (Number.isNaN(receivedAt))
    throw new ChainwatchError('input.invalid', 'receivedAt is not an ISO 8601 timestamp.', {
      meta: { input: options.receivedAt },
    })
  const bundle = readBundle(input, options.limits)
  const rejected: ObjectRejection[] = []
  const accepted: { index: number; object: StixObject }[] = []
  bundle.objects.forEach((candidate, index) => {
    const checked = checkObject(candidate)
    if (typeof checked === 'string')
      rejected.push({ index, ...identify(candidate), reason: checked })
    else accepted.push({ index, object: checked })
  })
  const actorNames = actorNamesByIndicator(accepted.map(({ object }) => object))
  const indicators: ImportedIndicator[] = []
  const seen = new Set<string>()
  const refused = new Set<number>()
  // Indicators first, so a scored wallet observable of the same address adds nothing.
  const ordered = [...accepted].sort(
    (a, b) => Number(b.object.type === 'indicator') - Number(a.object.type === 'indicator'),
  )
  for (const { index, object } of ordered) {
    const claims = claimsOf(object)
    if (claims === null) continue
    if ('reason' in claims) {
      rejected.push({ index, id: object.id, type: object.type, reason: claims.reason })
      refused.add(index)
      continue
    }
    let usable = 0
    for (const claim of claims) {
      const wallet = resolveWallet(claim.value, claim.chainHint)
      const validFrom = claim.validFrom === null ? receivedAt : Date.parse(claim.validFrom)
      const validUntil = claim.validUntil === null ? null : Date.parse(claim.validUntil)
      // The schema pattern admits leap seconds (`:60`), which JavaScript dates cannot hold.
      const reason = !wallet.ok
        ? wallet.reason
        : Number.isNaN(validFrom) || (validUntil !== null && Number.isNaN(validUntil))
          ? 'validity timestamp cannot be represented (leap second?)'
          : null
      if (!wallet.ok || reason !== null) {
        rejected.push({ index, id: object.id, type: object.type, reason: reason ?? 'invalid' })
        continue
      }
      usable++
      const addressKey = `${wallet.chain}:${wallet.address}`
      if (
        seen.has(`${addressKey}|${object.id}`) ||
        (object.type !== 'indicator' && seen.has(addressKey))
      )
        continue
      seen.add(addressKey).add(`${addressKey}|${object.id}`)
      const entity = claim.entity ?? actorNames.get(object.id) ?? null
      indicators.push({
        chain: wallet.chain,
        address: wallet.address,
        asset: claim.asset,
        category: claim.category ?? defaultCategory(entity),
        entity,
        confidence: claim.confidence ?? options.defaultConfidence ?? 50,
        label: claim.label,
        validFrom: new Date(validFrom).toISOString(),
        validUntil: validUntil === null ? null : new Date(validUntil).toISOString(),
        tlp: effectiveTlp(markingsOf(object), options.unmarkedTlp ?? 'amber'),
        revoked: claim.revoked,
        objectId: object.id,
        createdByRef: typeof object.created_by_ref === 'string' ? object.created_by_ref : null,
        source: claim.source,
      })
    }
    if (usable === 0) refused.add(index)
  }
  rejected.sort((a, b) => a.index - b.index)
  return {
    bundleId: bundle.id,
    objects: accepted.filter(({ index }) => !refused.has(index)).map(({ object }) => object),
    indicators,
    rejected,
  }
}

/** The object, or why it is refused. */
function checkObject(candidate: unknown): StixObject | string {
  if (!isRecord(candidate))
    return `object must be a JSON object, not ${Array.isArray(candidate) ? 'an array' : typeof candidate}`
  const { type, id } = candidate
  if (typeof type !== 'string' || typeof id !== 'string')
    return 'object needs string "type" and "id"'
  if (!id.startsWith(`${type}--`)) return `id "${id}" does not start with "${type}--"`
  const extensions = candidate.extensions
  if (isRecord(extensions)) {
    for (const [key, value] of Object.entries(extensions)) {
      const extensionType = isRecord(value) ? value.extension_type : undefined
      if (
        typeof extensionType === 'string' &&
        objectDefiningExtensions.has(extensionType) &&
        !knownCryptoExtensionIds.has(key)
      )
        return `unknown ${extensionType} extension ${key}: its object type "${type}" cannot be checked`
    }
  }
  const schema = validateStixObject(candidate, 'received')
  if (!schema.valid) return `fails the STIX 2.1 schema: ${schema.issues.join('; ')}`
  return { ...candidate, type, id }
}

function identify(candidate: unknown): { id: string | null; type: string | null } {
  if (!isRecord(candidate)) return { id: null, type: null }
  return {
    id: typeof candidate.id === 'string' ? candidate.id.slice(0, 200) : null,
    type: typeof candidate.type === 'string' ? candidate.type.slice(0, 100) : null,
  }
}

/** indicator id → name of the threat-actor / intrusion-set it `indicates`, from the same bundle. */
function actorNamesByIndicator(objects: readonly StixObject[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const object of objects)
    if (
      (object.type === 'threat-actor' || object.type === 'intrusion-set') &&
      typeof object.name === 'string'
    )
      names.set(object.id, object.name)
  const byIndicator = new Map<string, string>()
  for (const object of objects) {
    if (object.type !== 'relationship' || object.relationship_type !== 'indicates') continue
    const name = typeof object.target_ref === 'string' ? names.get(object.target_ref) : undefined
    if (name !== undefined && typeof object.source_ref === 'string')
      byIndicator.set(object.source_ref, name)
  }
  return byIndicator
}

/** Without a stated category, an address attributed to an actor is a hacker's. */
function defaultCategory(entity: string | null): Category {
  return entity === null ? 'other' : 'hacker'
}

function markingsOf(object: StixObject): {
  object_marking_refs?: string[]
  granular_markings?: { marking_ref?: string }[]
} {
  const refs = Array.isArray(object.object_marking_refs)
    ? object.object_marking_refs.filter((ref): ref is string => typeof ref === 'string')
    : []
  const granular = Array.isArray(object.granular_markings)
    ? object.granular_markings.flatMap((marking) =>
        isRecord(marking) && typeof marking.marking_ref === 'string'
          ? [{ marking_ref: marking.marking_ref }]
          : [],
      )
    : []
  // MISP tags (`tlp:amber`) when there is no marking-definition reference.
  const tags = Array.isArray(object.labels)
    ? object.labels.filter((label): label is string => typeof label === 'string')
    : []
  const tagged = tlpLevels.filter(
    (level) => tags.includes(`tlp:${level}`) || (level === 'clear' && tags.includes('tlp:white')),
  )
  return {
    object_marking_refs: [...refs, ...tagged.map((level) => tlpMarkingIds[level])],
    granular_markings: granular,
  }
}
