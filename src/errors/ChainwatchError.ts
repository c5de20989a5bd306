import type { ErrorCode } from './codes.js'

/** Structured values that explain an error (`{ chain, input }`, `{ file, line }`, issues…). */
export type ErrorMeta = Readonly<Record<string, unknown>>

export type ChainwatchErrorOptions = {
  /** Structured context, rendered as labelled lines in the message. */
  meta?: ErrorMeta
  /** One more sentence of technical detail (often the cause's own message). */
  details?: string
  cause?: unknown
}

/**
 * The one error family of Chainwatch (after viem's BaseError): a stable `code` from the catalog,
 * a short message naming what was wrong, structured `meta`, and the `cause` chain.
 *
 * @example
 * new ChainwatchError('address.invalid', 'Address "bc1qxyz" is not valid for bitcoin.', {
 *   meta: { chain: 'bitcoin', input: 'bc1qxyz' }, details: 'Invalid checksum',
 * })
 */
export class ChainwatchError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'ChainwatchError'
  readonly code: C
  readonly shortMessage: string
  readonly meta: ErrorMeta
  readonly details: string | undefined

  constructor(code: C, shortMessage: string, options: ChainwatchErrorOptions = {}) {
    const meta = options.meta ?? {}
    const details =
      options.details ?? (options.cause instanceof Error ? options.cause.message : undefined)
    super(renderMessage(code, shortMessage, meta, details), { cause: options.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.meta = meta
    this.details = details
  }

  /** Follows the `cause` chain to its root, or to the first error that `match` accepts. */
  walk(match?: (error: unknown) => boolean): unknown {
    let current: unknown = this
    while (current instanceof Error && current.cause !== undefined) {
      if (match?.(current)) return current
      current = current.cause
    }
    return match && !match(current) ? undefined : current
  }

  /** Plain data for JSON output (`--json`, HTTP bodies). */
  toJSON(): { code: C; message: string; meta: ErrorMeta; details?: string } {
    return {
      code: this.code,
      message: this.shortMessage,
      meta: this.meta,
      ...(this.details === undefined ? {} : { details: this.details }),
    }
  }
}

function renderMessage(
  code: ErrorCode,
  shortMessage: string,
  meta: ErrorMeta,
  details: string | undefined,
): string {
  const lines = [shortMessage, '']
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'issues' || value === undefined) continue
    lines.push(`${capitalise(key)}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  }
  const issues = meta.issues
  if (Array.isArray(issues)) for (const issue of issues) lines.push(`- ${String(issue)}`)
  lines.push(`Docs: docs/errors.md#${code}`)
  if (details !== undefined) lines.push(`Details: ${details}`)
  return lines.join('\n')
}

function capitalise(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1)
}

/** True when `error` is a ChainwatchError (optionally with the given code). */
export function isChainwatchError<C extends ErrorCode>(
  error: unknown,
  code?: C,
): error is ChainwatchError<C> {
  return error instanceof ChainwatchError && (code === undefined || error.code === code)
}
