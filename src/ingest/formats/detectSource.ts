import type { RecordKind, SourceFormat } from '../ParsedRow.js'
import { isJsonObject } from './FieldSource.js'
import { kindFromFileName } from './kindFromFileName.js'
import { splitCsvLine } from './splitCsvLine.js'

export type DetectSourceParameters = {
  /** The file's name or path; used only when its content is not conclusive (e.g. empty). */
  readonly fileName: string
  /** The start of the file (about 64 KiB) decoded as UTF-8; its last line may be cut off. */
  readonly head: string
}

export type DetectedSource = { readonly format: SourceFormat; readonly kind: RecordKind }

type Family = 'ethereum' | 'bitcoin'
/** What the content says: a family and kind, `unsupported` (an export we do not import), or nothing. */
type ContentVerdict = { readonly family: Family; readonly kind: RecordKind } | 'unsupported' | null

/**
 * Detects an ethereum-etl (CSV or JSON lines) or bitcoin-etl (JSON lines) export and its record
 * kind — BigQuery crypto_ethereum / crypto_bitcoin exports included — from the CSV header or the
 * first JSON object (its stream `type`, else its keys), then from the file name
 * (`token_transfers.csv`, `expected_blocks.json`, `blocks_00000000_00099999.csv`…).
 * Returns null when neither tells, or when the content is an export we do not import
 * (receipts, contracts, tokens) or is binary (raw blocks are detected elsewhere).
 *
 * @example
 * detectSource({ fileName: 'tt.csv', head: 'token_address,from_address,to_address,value,…\n…' })
 * // { format: 'ethereum-etl-csv', kind: 'token_transfers' }
 */
export function detectSource({ fileName, head }: DetectSourceParameters): DetectedSource | null {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head
  const firstLine = firstNonBlankLine(text)
  const fromName = kindFromFileName(fileName)
  if (firstLine === undefined) return fromName
  // NUL bytes or undecodable UTF-8: a binary file (raw blocks), not an export we read.
  if (firstLine.includes('\u0000') || firstLine.includes('\ufffd')) return null
  const json = firstLine.trimStart().startsWith('{')
  if (!json && firstLine.trimStart().startsWith('[')) return null
  const verdict = json ? classifyJson(firstLine) : classifyColumns(csvColumns(firstLine))
  if (verdict === 'unsupported') return null
  if (verdict !== null) {
    if (!json && verdict.family === 'bitcoin') return null
    return { format: formatOf(verdict.family, json), kind: verdict.kind }
  }
  // The content is readable but names no kind we know: trust the name, and let the row parser
  // report precisely which columns or fields are missing.
  if (fromName === null) return null
  return { format: json ? 'ethereum-etl-json' : 'ethereum-etl-csv', kind: fromName.kind }
}

function formatOf(family: Family, json: boolean): SourceFormat {
  if (family === 'bitcoin') return 'bitcoin-etl-json'
  return json ? 'ethereum-etl-json' : 'ethereum-etl-csv'
}

function firstNonBlankLine(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (line.trim() !== '') return line
  }
  return undefined
}

function csvColumns(line: string): ReadonlySet<string> {
  try {
    return new Set(splitCsvLine(line.trim()).map((name) => name.trim()))
  } catch {
    return new Set()
  }
}

const ETHEREUM_TYPES: ReadonlyMap<string, RecordKind> = new Map([
  ['token_transfer', 'token_transfers'],
  ['trace', 'traces'],
  ['log', 'logs'],
])

function classifyJson(line: string): ContentVerdict {
  let keys: ReadonlySet<string>
  let type: unknown
  try {
    const value: unknown = JSON.parse(line)
    if (!isJsonObject(value)) return null
    keys = new Set(Object.keys(value))
    type = value.type
  } catch {
    // The head may cut a long first row (a contract creation's input) short: read what is there.
    keys = new Set(
      Array.from(line.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"\s*:/g), (match) => match[1] ?? ''),
    )
    // Stream exports write `type` first; a later "type" may be a nested output's script type.
    type = /^\s*\{\s*"type"\s*:\s*"([a-z_]+)"/.exec(line)?.[1]
  }
  if (typeof type === 'string') {
    const kind = ETHEREUM_TYPES.get(type)
    if (kind !== undefined) return { family: 'ethereum', kind }
    if (type === 'block')
      return { family: isBitcoinBlock(keys) ? 'bitcoin' : 'ethereum', kind: 'blocks' }
    if (type === 'transaction') {
      return { family: isBitcoinTransaction(keys) ? 'bitcoin' : 'ethereum', kind: 'transactions' }
    }
    if (type === 'contract' || type === 'token' || type === 'receipt') return 'unsupported'
  }
  return classifyColumns(keys)
}

function isBitcoinBlock(keys: ReadonlySet<string>): boolean {
  return keys.has('merkle_root') || keys.has('bits') || keys.has('coinbase_param')
}

function isBitcoinTransaction(keys: ReadonlySet<string>): boolean {
  return keys.has('inputs') || keys.has('outputs') || keys.has('is_coinbase')
}

/** Classifies a CSV header or a JSON object by the columns it has. */
function classifyColumns(keys: ReadonlySet<string>): ContentVerdict {
  if (isBitcoinTransaction(keys)) return { family: 'bitcoin', kind: 'transactions' }
  if (isBitcoinBlock(keys)) return { family: 'bitcoin', kind: 'blocks' }
  if (keys.has('token_address') && keys.has('log_index')) {
    return { family: 'ethereum', kind: 'token_transfers' }
  }
  if (keys.has('trace_type') || keys.has('trace_address'))
    return { family: 'ethereum', kind: 'traces' }
  if (keys.has('topics') && keys.has('log_index')) return { family: 'ethereum', kind: 'logs' }
  // Receipts, contracts, tokens and balances exports hold no value flow we import.
  if (
    keys.has('cumulative_gas_used') ||
    keys.has('bytecode') ||
    keys.has('total_supply') ||
    keys.has('eth_balance')
  ) {
    return 'unsupported'
  }
  if (keys.has('hash') && keys.has('from_address') && keys.has('block_number')) {
    return { family: 'ethereum', kind: 'transactions' }
  }
  if (keys.has('number') && keys.has('hash') && (keys.has('parent_hash') || keys.has('miner'))) {
    return { family: 'ethereum', kind: 'blocks' }
  }
  return null
}
