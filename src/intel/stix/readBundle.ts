import { ChainwatchError } from '../../errors/index.js'
import { isRecord } from './validateStix.js'

/** Limits on a received bundle (TAXII servers commonly cap requests near this size). */
export type BundleLimits = {
  /** Bytes of JSON text; default 50 MiB. */
  readonly maxBytes: number
  /** Nesting of arrays/objects; a STIX bundle needs about 8, the default allows 64. */
  readonly maxDepth: number
}

export const defaultBundleLimits: BundleLimits = { maxBytes: 50 * 1024 * 1024, maxDepth: 64 }

/** A bundle envelope whose objects are not yet checked. */
export type RawBundle = { readonly id: string; readonly objects: readonly unknown[] }

/**
 * Parses the JSON text of a STIX bundle within the limits. Size and depth are checked before
 * `JSON.parse`, so a hostile document costs one linear scan, not a deep recursion.
 *
 * @throws ChainwatchError `input.too_large` over `maxBytes`; `input.invalid` for too deep
 * nesting, malformed JSON or a document that is not a bundle.
 */
export function readBundle(
  input: string | Uint8Array,
  limits: Partial<BundleLimits> = {},
): RawBundle {
  const { maxBytes, maxDepth } = { ...defaultBundleLimits, ...limits }
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength
  if (size > maxBytes)
    throw new ChainwatchError(
      'input.too_large',
      `STIX bundle of ${size} bytes exceeds the limit of ${maxBytes} bytes.`,
      {
        meta: { size, limit: maxBytes },
      },
    )
  const text =
    typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input)
  const depth = nestingDepth(text, maxDepth)
  if (depth > maxDepth)
    throw new ChainwatchError(
      'input.invalid',
      `STIX bundle nests deeper than ${maxDepth} levels.`,
      { meta: { limit: maxDepth } },
    )
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new ChainwatchError('input.invalid', 'STIX bundle is not valid JSON.', { cause: error })
  }
  if (!isRecord(document) || document.type !== 'bundle')
    throw new ChainwatchError(
      'input.invalid',
      'Document is not a STIX bundle (expected "type": "bundle").',
      {
        meta: {
          type: isRecord(document)
            ? String(document.type)
            : Array.isArray(document)
              ? 'array'
              : typeof document,
        },
      },
    )
  if (
    typeof document.id !== 'string' ||
    !/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(document.id)
  )
    throw new ChainwatchError('input.invalid', 'STIX bundle id must be "bundle--<uuid>".', {
      meta: { id: String(document.id) },
    })
  const objects = document.objects ?? []
  if (!Array.isArray(objects))
    throw new ChainwatchError('input.invalid', 'STIX bundle "objects" must be an array.', {
      meta: { type: typeof objects },
    })
  return { id: document.id, objects }
}

/** The deepest array/object nesting of JSON text, stopping once past `stopAbove`. */
function nestingDepth(text: string, stopAbove: number): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 92)
        i++ // backslash: skip the escaped character
      else if (code === 34) inString = false
    } else if (code === 34) {
      inString = true
    } else if (code === 123 || code === 91) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > stopAbove) return deepest
      }
    } else if (code === 125 || code === 93) {
      depth--
    }
  }
  return deepest
}
