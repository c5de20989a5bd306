import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { isChainwatchError } from '../errors/index.js'
import { httpStatus } from './httpStatus.js'

/** Error logger; the server logs unexpected errors with their cause chain. */
export type ErrorLog = (message: string, error: unknown) => void

/**
 * The one place where errors become HTTP responses: a ChainwatchError keeps its code and a status
 * from `httpStatus`; anything else is a 500 `internal` whose details stay in the log.
 */
export function onError(log: ErrorLog) {
  return (error: Error, c: Context): Response => {
    if (isChainwatchError(error)) {
      return c.json({ error: error.toJSON() }, httpStatus[error.code])
    }
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? 'input.too_large' : 'input.invalid'
      return c.json({ error: { code, message: error.message, meta: {} } }, error.status)
    }
    log('unexpected error while serving a request', error)
    return c.json(
      { error: { code: 'internal', message: 'Internal error; see the server log.', meta: {} } },
      500,
    )
  }
}
