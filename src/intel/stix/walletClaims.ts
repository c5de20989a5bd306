import { type Category, categories } from '../../screening/index.js'
import { parsePattern } from './pattern.js'
import { isRecord } from './validateStix.js'
import {
  CHAINWATCH_EXTENSION_ID,
  OPENCTI_EXTENSION_ID,
  OPENCTI_SCO_EXTENSION_ID,
  type StixObject,
} from './vocabulary.js'

/** What one received object says about one wallet, before the address is checked. */
export type WalletClaim = {
  readonly value: string
  readonly chainHint: string | null
  readonly asset: string | null
  readonly category: Category | null
  readonly entity: string | null
  readonly label: string | null
  readonly confidence: number | null
  readonly validFrom: string | null
  readonly validUntil: string | null
  readonly revoked: boolean
  readonly source: 'stix-indicator' | 'stix-wallet' | 'misp-attribute' | 'misp-object'
}

/** Claims of an object, `null` when it says nothing about wallets, or a reason to reject it. */
export type ClaimsOf = readonly WalletClaim[] | null | { readonly reason: string }

const walletTypes = new Set(['cryptocurrency-wallet', 'x-opencti-cryptocurrency-wallet'])
const walletPaths = new Set(['value', 'address'])

export function claimsOf(object: StixObject): ClaimsOf {
  if (object.type === 'indicator') return indicatorClaims(object)
  if (walletTypes.has(object.type)) return walletClaims(object)
  if (object.type === 'x-misp-attribute') return mispAttributeClaims(object)
  if (object.type === 'x-misp-object') return mispObjectClaims(object)
  return null
}

function indicatorClaims(indicator: StixObject): ClaimsOf {
  const pattern = text(indicator.pattern)
  // Other pattern languages, and STIX patterns about other observables, are kept uninterpreted.
  if (
    indicator.pattern_type !== 'stix' ||
    pattern === null ||
    !/cryptocurrency-wallet/i.test(pattern)
  )
    return null
  const parsed = parsePattern(pattern)
  if (!parsed.ok) return { reason: `pattern not understood: ${parsed.reason}` }
  const values = parsed.comparisons
    .filter(
      (comparison) => walletTypes.has(comparison.objectType) && walletPaths.has(comparison.path),
    )
    .flatMap((comparison) => comparison.values)
  if (values.length === 0) {
    // `[file:name = 'cryptocurrency-wallet.exe']` is not about wallets; `wallet:holder_ref` is, unreadably.
    if (!parsed.comparisons.some((comparison) => walletTypes.has(comparison.objectType)))
      return null
    return { reason: 'pattern compares no cryptocurrency-wallet:value' }
  }
  const ours = extension(indicator, CHAINWATCH_EXTENSION_ID)
  const labels = strings(indicator.labels)
  return values.map((value) => ({
    value,
    chainHint: text(ours?.chain),
    asset: text(ours?.asset),
    category:
      category(text(ours?.category)) ??
      labels.map(category).find((found) => found !== null) ??
      null,
    entity: text(ours?.entity),
    label: text(ours?.label) ?? (ours === null ? text(indicator.name) : null),
    confidence: integer(indicator.confidence),
    validFrom: text(indicator.valid_from),
    validUntil: text(indicator.valid_until),
    revoked: indicator.revoked === true,
    source: 'stix-indicator',
  }))
}

/**
 * OpenCTI shares wallets as scored observables rather than indicators. A wallet SCO is a claim
 * only when it carries a score (top level, `x_opencti_score` or inside an OpenCTI extension):
 * plain wallets are transaction legs or context, not designations.
 */
function walletClaims(wallet: StixObject): ClaimsOf {
  const octi = extension(wallet, OPENCTI_EXTENSION_ID)
  const octiSco = extension(wallet, OPENCTI_SCO_EXTENSION_ID)
  const score =
    integer(wallet.score) ??
    integer(wallet.x_opencti_score) ??
    integer(octi?.score) ??
    integer(octiSco?.score)
  if (score === null) return null
  const value = text(wallet.value) ?? text(wallet.address)
  if (value === null) return { reason: 'cryptocurrency-wallet has no value' }
  const labels = [
    ...strings(wallet.labels),
    ...strings(wallet.x_opencti_labels),
    ...strings(octiSco?.labels),
  ]
  const ours = extension(wallet, CHAINWATCH_EXTENSION_ID)
  return [
    {
      value,
      chainHint: text(ours?.chain),
      asset: text(ours?.asset),
      category: labels.map(category).find((found) => found !== null) ?? null,
      entity: null,
      label:
        text(wallet.description) ??
        text(wallet.x_opencti_description) ??
        text(octiSco?.description),
      confidence: score,
      validFrom: null,
      validUntil: null,
      revoked: wallet.revoked === true,
      source: 'stix-wallet',
    },
  ]
}

const mispChains: Readonly<Record<string, string>> = { btc: 'bitcoin', xmr: 'monero' }

function mispAttributeClaims(attribute: StixObject): ClaimsOf {
  const mispType = text(attribute.x_misp_type)
  if (mispType === null || !Object.hasOwn(mispChains, mispType)) return null
  const value = text(attribute.x_misp_value)
  if (value === null) return { reason: `x-misp-attribute ${mispType} has no x_misp_value` }
  return [
    mispClaim(
      value,
      mispChains[mispType] ?? null,
      attribute,
      'misp-attribute',
      text(attribute.x_misp_comment),
    ),
  ]
}

const mispWalletRelations: Readonly<Record<string, string | null>> = {
  address: 'bitcoin',
  'address-xmr': 'monero',
  'address-crypto': null,
  'wallet-address': 'bitcoin',
}

function mispObjectClaims(object: StixObject): ClaimsOf {
  const name = text(object.x_misp_name)
  if (name !== 'coin-address' && name !== 'btc-wallet') return null
  const attributes = Array.isArray(object.x_misp_attributes)
    ? object.x_misp_attributes.filter(isRecord)
    : []
  const symbol = text(attributes.find((attribute) => attribute.object_relation === 'symbol')?.value)
  const claims = attributes.flatMap((attribute) => {
    const relation = text(attribute.object_relation)
    const value = text(attribute.value)
    if (relation === null || value === null || !Object.hasOwn(mispWalletRelations, relation))
      return []
    // `address` is typed btc in the MISP template, but feeds put other coins there with a symbol.
    const hint =
      relation === 'address' && symbol !== null && symbol.toUpperCase() !== 'BTC'
        ? null
        : (mispWalletRelations[relation] ?? null)
    return [
      { ...mispClaim(value, hint, object, 'misp-object', text(attribute.comment)), asset: symbol },
    ]
  })
  return claims.length === 0 ? { reason: `x-misp-object ${name} has no address attribute` } : claims
}

function mispClaim(
  value: string,
  chainHint: string | null,
  object: StixObject,
  source: WalletClaim['source'],
  comment: string | null,
): WalletClaim {
  const labels = strings(object.labels)
  return {
    value,
    chainHint,
    asset: chainHint === 'bitcoin' ? 'BTC' : chainHint === 'monero' ? 'XMR' : null,
    category: labels.map(category).find((found) => found !== null) ?? null,
    entity: null,
    label: comment,
    confidence: null,
    validFrom: text(object.x_misp_first_seen) ?? text(object.created),
    validUntil: null,
    revoked: object.revoked === true,
    source,
  }
}

function extension(object: StixObject, id: string): Record<string, unknown> | null {
  const extensions = object.extensions
  const found = isRecord(extensions) ? extensions[id] : undefined
  return isRecord(found) ? found : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100
    ? value
    : null
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

function category(value: string | null): Category | null {
  return categories.find((known) => known === value) ?? null
}
