import { type AddressChain, addressChains } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import {
  type Category,
  categories,
  type ListEntry,
  type ListRejection,
  type ParsedList,
} from '../ListEntry.js'
import { checkConfidence } from './checkConfidence.js'
import { decodeListText } from './decodeListText.js'
import { displayText } from './displayText.js'
import { listInvalid } from './listInvalid.js'
import { type AddressLine, readAddressCsv } from './readAddressCsv.js'
import { resolveListAddress } from './resolveListAddress.js'
import { uniqueEntries } from './uniqueEntries.js'

export type ParseAddressListParameters = {
  /** What every address of the list is. */
  readonly category: Category
  /** 0–100: how sure the source is. */
  readonly confidence: number
  /** Label for addresses whose row has none (a CSV label column wins). */
  readonly label?: string | undefined
  /** Who controls the addresses (`Lazarus Group (TraderTraitor)`), if the source says. */
  readonly entity?: string | undefined
  /** Validate every address for this chain instead of detecting it per address. */
  readonly chain?: AddressChain | undefined
  /** The file name, for error messages. */
  readonly file?: string | undefined
}

/** CSV header names of the address column, in order of preference (case-insensitive). */
export const addressColumns = ['address', 'addr', 'banned_address', 'wallet', 'wallet_address']
/** CSV header names of a label column, in order of preference (etherscan: `Name Tag`). */
export const labelColumns = [
  'label',
  'name tag',
  'name_tag',
  'name',
  'wallet_tag',
  'tag',
  'etherscan_tag',
]

/**
 * Reads a plain address list: one address per line (`#` comments and blank lines ignored), or a
 * CSV whose header names an address column (see `addressColumns`) and optionally a label column
 * (`labelColumns`). The first line that is not blank or a comment decides: it is a CSV header when
 * it holds a comma. Each address's chain is detected from its format unless `chain` is given; an
 * address that is invalid is rejected with its line. The whole file is invalid when it is binary,
 * not UTF-8, a CSV row has the wrong number of columns, or no line at all holds a valid address
 * (an HTML error page served instead of the list must not empty the active list).
 *
 * @param bytes - the file
 * @param params - {@link ParseAddressListParameters}
 * @throws ChainwatchError `list.invalid` naming the line; `input.invalid` for bad parameters.
 * @example
 * parseAddressList(readFileSync('fbi_psa250226_bybit_51.txt'), { category: 'stolen-funds', confidence: 90 })
 * // { entries: [{ chain: 'ethereum', address: '0x51e9…', … }, …], rejected: [], publishedAt: null }
 */
export function parseAddressList(
  bytes: Uint8Array,
  params: ParseAddressListParameters,
): ParsedList {
  const { category, label, entity, chain, file } = params
  if (!categories.includes(category)) {
    throw new ChainwatchError(
      'input.invalid',
      `Unknown category "${displayText(String(category))}".`,
      {
        meta: { category, categories },
      },
    )
  }
  const confidence = checkConfidence(params.confidence)
  const text = decodeListText(bytes, file)
  const lines = text.split('\n')
  const first = lines.findIndex((line) => !isSkipped(line))
  const addresses =
    first !== -1 && lines[first]?.includes(',')
      ? readAddressCsv(text, { file, addressColumns, labelColumns })
      : readAddressLines(lines)
  const chains = chain === undefined ? addressChains : [chain]
  const entries: ListEntry[] = []
  const rejected: ListRejection[] = []
  for (const { line, address, label: rowLabel } of addresses) {
    const resolved = resolveListAddress(address, chains)
    if ('reason' in resolved) {
      rejected.push({ where: `line ${line}`, input: displayText(address), reason: resolved.reason })
      continue
    }
    entries.push({
      ...resolved,
      asset: null,
      category,
      entity: entity ?? null,
      entityId: null,
      programmes: [],
      confidence,
      label: rowLabel ?? label ?? null,
    })
  }
  if (entries.length === 0) {
    const [example] = rejected
    throw listInvalid({
      file,
      where: example?.where,
      reason:
        example === undefined
          ? 'it holds no address'
          : `no line holds a valid address (${rejected.length} rejected; first: ${example.reason})`,
    })
  }
  return { entries: uniqueEntries(entries), rejected, publishedAt: null }
}

function isSkipped(line: string): boolean {
  const trimmed = line.trim()
  return trimmed === '' || trimmed.startsWith('#')
}

/** The addresses of a one-per-line list; a lone header line (`address`) is skipped. */
function readAddressLines(lines: readonly string[]): readonly AddressLine[] {
  const addresses: AddressLine[] = []
  let seenFirst = false
  for (const [index, line] of lines.entries()) {
    if (isSkipped(line)) continue
    const address = line.trim()
    const isHeader = !seenFirst && addressColumns.includes(address.toLowerCase())
    seenFirst = true
    if (!isHeader) addresses.push({ line: index + 1, address })
  }
  return addresses
}
