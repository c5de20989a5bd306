import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../errors/index.js'

/** The HTTP status of every error code (a new code fails to compile until it is mapped here). */
export const httpStatus: Record<ErrorCode, ContentfulStatusCode> = {
  'address.invalid': 400,
  'block.invalid': 400,
  'chain.unknown': 400,
  'config.invalid': 500,
  'import.failed': 422,
  'import.file_unreadable': 400,
  'import.format_unknown': 400,
  'import.row_invalid': 422,
  'input.invalid': 400,
  'input.too_large': 413,
  'list.invalid': 422,
  'list.unavailable': 502,
  not_found: 404,
  'output.unwritable': 500,
  'queue.unavailable': 503,
  'rpc.failed': 502,
  'rpc.malformed': 502,
  'store.migration_failed': 503,
  'store.unavailable': 503,
  'store.url_invalid': 500,
  internal: 500,
}
