import { ChainwatchError, isChainwatchError } from '../errors/index.js'

/** SQLite result codes that mean the file cannot be used, not that a statement was wrong. */
const sqliteUnavailable = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB|PERM)/
/** PostgreSQL SQLSTATEs: connection exception, shutdown, too many clients, auth, no database. */
const postgresUnavailable = /^(08|57P0[1-3]|53300|28000|28P01|3D000)/
const networkUnavailable = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE|EAI_)/

export type StoreFailureParameters = {
  /** What the store was doing, e.g. 'Writing a batch'. */
  readonly action: string
  /** The redacted URL of the store. */
  readonly url: string
}

/**
 * Turns a driver error into a `ChainwatchError`: `store.unavailable` when the database cannot be
 * reached or opened, `internal` for anything else (a failed statement is a bug on our side).
 */
export function storeFailure(
  error: unknown,
  { action, url }: StoreFailureParameters,
): ChainwatchError {
  if (isChainwatchError(error)) return error
  if (isUnavailable(error)) {
    return new ChainwatchError('store.unavailable', 'The database cannot be reached or opened.', {
      meta: { url, action },
      cause: error,
    })
  }
  return new ChainwatchError('internal', `${action} failed in the database.`, {
    meta: { url },
    cause: error,
  })
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = 'code' in error && typeof error.code === 'string' ? error.code : ''
  return (
    sqliteUnavailable.test(code) ||
    postgresUnavailable.test(code) ||
    networkUnavailable.test(code) ||
    /connection (is not open|terminated)|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
      error.message,
    )
  )
}
