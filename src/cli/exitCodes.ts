import type { ErrorCode } from '../errors/index.js'

/**
 * Exit status of every error code, in one place (a new code fails to compile until mapped).
 * 1 internal, 2 bad input or usage, 3 something missing, 4 bad data, 5 database trouble.
 */
export const exitCodes: Record<ErrorCode, number> = {
  'address.invalid': 2,
  'block.invalid': 4,
  'chain.unknown': 2,
  'config.invalid': 2,
  'import.failed': 4,
  'import.file_unreadable': 3,
  'import.format_unknown': 2,
  'import.row_invalid': 4,
  'input.invalid': 2,
  'input.too_large': 2,
  'list.invalid': 4,
  'list.unavailable': 3,
  not_found: 3,
  'output.unwritable': 3,
  'queue.unavailable': 5,
  'rpc.failed': 3,
  'rpc.malformed': 4,
  'store.migration_failed': 5,
  'store.unavailable': 5,
  'store.url_invalid': 2,
  internal: 1,
}
