import type { RecordKind, SourceFormat } from '../ParsedRow.js'

const KINDS: ReadonlyMap<string, RecordKind> = new Map([
  ['blocks', 'blocks'],
  ['transactions', 'transactions'],
  ['token_transfers', 'token_transfers'],
  ['traces', 'traces'],
  ['logs', 'logs'],
])

/**
 * The ethereum-etl format and kind a file name suggests: `blocks.csv`, `expected_logs.json`,
 * `token_transfers_00000000_00099999.csv.gz`. Null when the name says nothing we know. A name
 * cannot tell bitcoin-etl from ethereum-etl JSON; content detection does that.
 */
export function kindFromFileName(
  fileName: string,
): { readonly format: SourceFormat; readonly kind: RecordKind } | null {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(gz|bz2|xz|zst)$/, '')
  const match = /^(?:expected_)?([a-z_]+?)(?:_\d+)*\.(csv|json|jsonl|ndjson)$/.exec(base)
  const kind = match?.[1] === undefined ? undefined : KINDS.get(match[1])
  if (match === null || kind === undefined) return null
  return { format: match[2] === 'csv' ? 'ethereum-etl-csv' : 'ethereum-etl-json', kind }
}
