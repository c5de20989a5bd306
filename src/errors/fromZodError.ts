import type { z } from 'zod'
import { ChainwatchError } from './ChainwatchError.js'

export type FromZodErrorOptions = {
  /** `input.invalid` (default) for requests and files, `config.invalid` for configuration. */
  readonly code?: 'input.invalid' | 'config.invalid'
  readonly meta?: Record<string, unknown>
}

/**
 * Turns a zod failure into a ChainwatchError with one issue line per problem (`path: message`),
 * so the user sees every field that was wrong, not just the first.
 */
export function fromZodError(
  error: z.ZodError,
  what: string,
  { code = 'input.invalid', meta = {} }: FromZodErrorOptions = {},
): ChainwatchError<'input.invalid' | 'config.invalid'> {
  const issues = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return path === '' ? issue.message : `${path}: ${issue.message}`
  })
  return new ChainwatchError(code, `${what} is invalid.`, {
    meta: { ...meta, issues },
    // The issue lines say it all; zod's own message is a JSON dump of the same issues.
    details: `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`,
    cause: error,
  })
}
