/**
 * The catalog of stable error codes. Each code names one way things go wrong; the HTTP and CLI
 * edges map every code (typed as `Record<ErrorCode, …>`, so a new code must be mapped to compile).
 * `docs/errors.md` is generated from this table.
 */
export const errorCatalog = {
  'address.invalid': 'An address is malformed or fails its checksum for the chain it claims.',
  'block.invalid': 'Raw block or transaction bytes cannot be decoded.',
  'chain.unknown': 'A chain name is not one Chainwatch knows.',
  'config.invalid': 'Configuration (environment variables or options) is invalid.',
  'import.failed': 'An import stopped (in --strict mode, at the first bad row).',
  'import.file_unreadable': 'An input file does not exist or cannot be read.',
  'import.format_unknown': 'The format or record kind of an input file cannot be detected.',
  'import.row_invalid':
    'A row of an input file is malformed (bad address, number, JSON or columns).',
  'input.invalid': 'Request or command input fails validation.',
  'input.too_large': 'Request or input exceeds a size limit.',
  'list.invalid': 'A sanctions or label list file is malformed.',
  'list.unavailable': 'A list file cannot be read or downloaded.',
  not_found: 'The requested resource does not exist.',
  'output.unwritable': 'An output file or directory cannot be written (permissions, disk full).',
  'queue.unavailable': 'The message queue (NATS JetStream) cannot be reached.',
  'rpc.failed':
    'A JSON-RPC node cannot be reached, keeps failing after retries, or answers with an error.',
  'rpc.malformed':
    'A JSON-RPC response does not have the expected shape or contradicts another response.',
  'store.migration_failed': 'The database schema could not be brought up to date.',
  'store.unavailable': 'The database cannot be reached or opened.',
  'store.url_invalid': 'CHAINWATCH_DATABASE_URL is not a sqlite: or postgres:// URL.',
  internal: 'An unexpected internal error (a bug): please report it with the details.',
} as const satisfies Record<string, string>

/** A stable, documented error code. */
export type ErrorCode = keyof typeof errorCatalog
