import type { z } from 'zod'
import { ChainwatchError } from './ChainwatchError.js'

/**
 * Turns a zod failure into `input.invalid`, one issue line per problem (`path: message`), so the
 * user sees every field that was wrong, not just the first.
 */
export function fromZodError(
  error: z.ZodError,
  what: string,
  meta: Record<string, unknown> = {},
): ChainwatchError<'input.invalid'> {
  const issues = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return path === '' ? issue.message : `${path}: ${issue.message}`
  })
  return new ChainwatchError('input.invalid', `${what} is invalid.`, {
    meta: { ...meta, issues },
    cause: error,
  })
}
