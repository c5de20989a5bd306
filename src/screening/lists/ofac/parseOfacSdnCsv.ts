import { ChainwatchError } from '../../../errors/index.js'
import { decodeListText } from './decodeListText.js'
import { extractDigitalCurrencyAddresses } from './extractDigitalCurrencyAddresses.js'
import { listInvalid } from './listInvalid.js'
import { ofacLabel } from './ofacLabel.js'
import { ofacListBuilder } from './ofacListBuilder.js'
import type { ParseOfacResult } from './ParseOfacResult.js'
import { parseOfacProgrammes } from './parseOfacProgrammes.js'
import { type OfacCsvRecord, readOfacCsv } from './readOfacCsv.js'

export type ParseOfacSdnCsvParameters = {
  /** `sdn.csv`: 12 columns, no header. */
  readonly sdn: Uint8Array
  /** `sdn_comments.csv` (`ent_num,remarks_extended`): Remarks past 1,000 characters. */
  readonly comments?: Uint8Array | undefined
  /** `add.csv`: addresses (their countries go into each entry's label). */
  readonly add?: Uint8Array | undefined
  /** `alt.csv`: aliases (into each entry's label). */
  readonly alt?: Uint8Array | undefined
  /** The publication date (ISO `YYYY-MM-DD`): sdn.csv does not state one. */
  readonly publishedAt?: string | null | undefined
  /** Names for error messages; default `sdn.csv`, `sdn_comments.csv`, `add.csv`, `alt.csv`. */
  readonly fileNames?: Readonly<Partial<Record<'sdn' | 'comments' | 'add' | 'alt', string>>>
}

/** OFAC caps sdn.csv Remarks here and continues them in sdn_comments.csv. */
const REMARKS_CAP = 1000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Parses OFAC's legacy CSV files into sanctioned addresses: every `Digital Currency Address`
 * in sdn.csv Remarks, joined with their sdn_comments.csv overflow by ent_num before extraction
 * (the cut can split an address). Entity and programmes come from sdn.csv, aliases and
 * countries from alt.csv/add.csv. Overflow rows that do not continue a cut Remark (files of
 * different dates), cut Remarks with no overflow row, tickers without a codec and invalid
 * addresses are reported in `rejected`.
 *
 * @param params - {@link ParseOfacSdnCsvParameters}
 * @returns {@link ParseOfacResult}
 * @throws ChainwatchError `list.invalid` naming the file and line of a malformed record.
 * @example
 * const list = parseOfacSdnCsv({ sdn: readFileSync('sdn.csv'), comments: readFileSync('sdn_comments.csv') })
 * list.entries.find((e) => e.entity === 'LAZARUS GROUP')?.programmes // ['DPRK3']
 */
export function parseOfacSdnCsv(params: ParseOfacSdnCsvParameters): ParseOfacResult {
  const names = {
    sdn: params.fileNames?.sdn ?? 'sdn.csv',
    comments: params.fileNames?.comments ?? 'sdn_comments.csv',
    add: params.fileNames?.add ?? 'add.csv',
    alt: params.fileNames?.alt ?? 'alt.csv',
  }
  const publishedAt = checkPublishedAt(params.publishedAt ?? null)
  const sdn = read(params.sdn, names.sdn, 12)
  const overflow = groupByEntNum(read(params.comments, names.comments, 2), (f) => f[1] ?? '')
  const aliases = groupByEntNum(
    read(params.alt, names.alt, 5),
    ([, , type, name]) => [type ?? 'alias', name ?? ''] as const,
  )
  const countries = groupByEntNum(read(params.add, names.add, 6), (fields) => fields[4] ?? '')
  const list = ofacListBuilder()
  const seen = new Set<string>()
  for (const record of sdn) {
    const { entNum } = record
    const [, name = null, , program = null] = record.fields
    if (seen.has(entNum)) {
      throw listInvalid({
        file: names.sdn,
        line: record.line,
        reason: `ent_num ${entNum} repeated`,
      })
    }
    seen.add(entNum)
    const remarks = record.fields[11] ?? ''
    const extension = overflow.get(entNum)
    overflow.delete(entNum)
    let text = remarks
    if (extension !== undefined && remarks.length >= REMARKS_CAP) {
      text = remarks + extension.join('')
    } else if (extension !== undefined) {
      list.reject({
        where: `${names.comments} ent_num ${entNum}`,
        input: preview(extension.join('')),
        reason: `${names.sdn} Remarks of ent_num ${entNum} are not cut (${remarks.length} characters), so this overflow row is from another publication; ignored`,
      })
    } else if (remarks.length >= REMARKS_CAP) {
      list.reject({
        where: `ent_num ${entNum}`,
        input: preview(remarks.slice(-60)),
        reason: `Remarks cut at ${REMARKS_CAP} characters and no ${names.comments} row continues them; addresses may be missing or cut`,
      })
    }
    const { found, unreadable } = extractDigitalCurrencyAddresses(text)
    if (found.length === 0 && unreadable.length === 0) continue
    const designation = {
      entity: name,
      entityId: entNum,
      programmes: parseOfacProgrammes(program),
      // Only alt.csv/add.csv rows of this ent_num are used; rows of other ent_nums (the files
      // often come from another day) carry no addresses and are ignored.
      label: ofacLabel({
        aliases: aliases.get(entNum) ?? [],
        countries: countries.get(entNum) ?? [],
      }),
    }
    for (const item of found) list.address(designation, item.ticker, item.address)
    for (const item of unreadable) {
      list.reject({
        where: `ent_num ${entNum}`,
        input: item,
        reason: 'unreadable Digital Currency Address item',
      })
    }
  }
  for (const [entNum, extension] of overflow) {
    list.reject({
      where: `${names.comments} ent_num ${entNum}`,
      input: preview(extension.join('')),
      reason: `no ent_num ${entNum} in ${names.sdn}, so this overflow row is from another publication; ignored`,
    })
  }
  return list.finish(publishedAt, sdn.length)
}

function read(bytes: Uint8Array | undefined, file: string, columns: number): OfacCsvRecord[] {
  if (bytes === undefined) return []
  return readOfacCsv({ text: decodeListText({ bytes, file }), file, columns })
}

function groupByEntNum<T>(
  records: readonly OfacCsvRecord[],
  value: (fields: readonly (string | null)[]) => T,
): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const { entNum, fields } of records) {
    const group = groups.get(entNum)
    if (group === undefined) groups.set(entNum, [value(fields)])
    else group.push(value(fields))
  }
  return groups
}

function preview(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`
}

function checkPublishedAt(value: string | null): string | null {
  if (value === null) return null
  const date = new Date(`${value}T00:00:00Z`)
  if (
    !ISO_DATE.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw new ChainwatchError(
      'input.invalid',
      `publishedAt "${value}" is not an ISO date (YYYY-MM-DD).`,
      {
        meta: { publishedAt: value },
      },
    )
  }
  return value
}
