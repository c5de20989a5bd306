import { ChainwatchError } from '../errors/index.js'
import { redactUrl } from './redactUrl.js'

/** Where a store lives: a SQLite file (or `:memory:`) or a PostgreSQL connection URL. */
export type StoreLocation =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly schema?: string }

/** The in-memory SQLite path: `sqlite::memory:`. */
export const SQLITE_MEMORY = ':memory:'

/**
 * Parses `sqlite:PATH` (`sqlite::memory:` for in-memory) or `postgres://…`/`postgresql://…`
 * (optionally `?schema=NAME`),
 * or throws `store.url_invalid`.
 *
 * @example
 * parseStoreUrl('sqlite:./data/chainwatch.db') // { dialect: 'sqlite', path: './data/chainwatch.db' }
 */
export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim()
  const lower = trimmed.toLowerCase()
  if (lower.startsWith('sqlite:')) {
    const rest = trimmed.slice('sqlite:'.length)
    // `sqlite:///abs/path.db` and `sqlite://./rel.db` are common spellings of `sqlite:PATH`.
    const path = rest.startsWith('//') ? rest.slice(2) : rest
    if (path !== '') return { dialect: 'sqlite', path }
    throw invalidUrl(url, 'The SQLite file path is empty.')
  }
  if (lower.startsWith('postgres://') || lower.startsWith('postgresql://')) {
    if (URL.canParse(trimmed)) {
      // `?schema=NAME` puts every table in that schema (one database, several stores).
      const parsed = new URL(trimmed)
      const schema = parsed.searchParams.get('schema')
      if (schema === null) return { dialect: 'postgres', url: trimmed }
      parsed.searchParams.delete('schema')
      return { dialect: 'postgres', url: parsed.toString(), schema }
    }
    throw invalidUrl(url, 'The PostgreSQL URL cannot be parsed.')
  }
  throw invalidUrl(url, 'Use sqlite:PATH, sqlite::memory: or postgres://user@host:port/database.')
}

function invalidUrl(url: string, details: string): ChainwatchError<'store.url_invalid'> {
  return new ChainwatchError(
    'store.url_invalid',
    'The database URL is not a sqlite: or postgres:// URL.',
    { meta: { url: redactUrl(url) }, details },
  )
}
