import { listInvalid } from './listInvalid.js'

/** One CSV record; `null` stands for OFAC's unquoted `-0-` (no value). */
export type OfacCsvRecord = {
  /** 1-based line where the record starts. */
  readonly line: number
  /** The first field, checked to be an integer (every OFAC CSV keys its rows by ent_num). */
  readonly entNum: string
  readonly fields: readonly (string | null)[]
}

export type ReadOfacCsvParameters = {
  /** Decoded text (see `decodeListText`). */
  readonly text: string
  /** Name used in errors. */
  readonly file: string
  /** Exact number of columns every record must have. */
  readonly columns: number
}

// No OFAC field comes near this (Remarks ≤ 1,000, overflow rows a few KB); a longer field
// means the file is not an OFAC CSV, and failing here keeps garbage from being buffered whole.
const MAX_FIELD_CHARS = 1 << 20
const ENT_NUM = /^[0-9]{1,10}$/
const NULL_FIELD = '-0-'

/**
 * Reads an OFAC legacy CSV (no header, `"` quoting with `""` escapes, CRLF/LF/CR record ends,
 * unquoted `-0- ` nulls) strictly: every record has exactly `columns` fields and an integer
 * ent_num first. Checks run as it reads, so a broken file fails at its first bad record.
 *
 * @throws ChainwatchError `list.invalid` naming the file and line.
 */
export function readOfacCsv(params: ReadOfacCsvParameters): OfacCsvRecord[] {
  const { text, file, columns } = params
  const records: OfacCsvRecord[] = []
  const n = text.length
  let i = 0
  let line = 1
  const invalid = (reason: string, at: number = line) => listInvalid({ file, line: at, reason })
  while (i < n) {
    const recordLine = line
    const fields: (string | null)[] = []
    for (;;) {
      let value: string | null
      if (text.charCodeAt(i) === 0x22) {
        const startLine = line
        let buffer = ''
        i++
        for (;;) {
          const close = text.indexOf('"', i)
          if (close < 0) throw invalid('quoted field never closed', startLine)
          if (close - i + buffer.length > MAX_FIELD_CHARS) {
            throw invalid('field longer than 1 MiB', startLine)
          }
          const piece = text.slice(i, close)
          line += countLineBreaks(piece)
          buffer += piece
          if (text.charCodeAt(close + 1) === 0x22) {
            buffer += '"'
            i = close + 2
          } else {
            i = close + 1
            break
          }
        }
        if (i < n && !isDelimiter(text.charCodeAt(i))) {
          const after = JSON.stringify(text[i])
          // A stray quote swallows lines: point at where the field opened.
          throw startLine === line
            ? invalid(`unexpected ${after} after a closing quote`)
            : invalid(
                `quoted field opened here runs to line ${line}, where ${after} follows its closing quote`,
                startLine,
              )
        }
        value = buffer
      } else {
        const start = i
        while (i < n && !isDelimiter(text.charCodeAt(i))) {
          if (text.charCodeAt(i) === 0x22) throw invalid('quote inside an unquoted field')
          if (i - start > MAX_FIELD_CHARS) throw invalid('field longer than 1 MiB')
          i++
        }
        const raw = text.slice(start, i).trim()
        value = raw === NULL_FIELD ? null : raw
      }
      fields.push(value)
      if (fields.length > columns)
        throw invalid(`${columns + 1} or more columns, expected ${columns}`, recordLine)
      if (text.charCodeAt(i) === 0x2c) {
        i++
        continue
      }
      break
    }
    // Record end: CRLF, LF, lone CR or end of text.
    if (text.charCodeAt(i) === 0x0d) i++
    if (text.charCodeAt(i) === 0x0a) i++
    line++
    if (fields.length === 1 && fields[0] === '') continue
    if (fields.length !== columns) {
      throw invalid(`${fields.length} columns, expected ${columns}`, recordLine)
    }
    const entNum = fields[0]
    if (typeof entNum !== 'string' || !ENT_NUM.test(entNum)) {
      throw invalid(
        `ent_num ${JSON.stringify(String(entNum).slice(0, 40))} is not an integer`,
        recordLine,
      )
    }
    records.push({ line: recordLine, entNum, fields })
  }
  return records
}

function isDelimiter(code: number): boolean {
  return code === 0x2c || code === 0x0d || code === 0x0a
}

function countLineBreaks(piece: string): number {
  let count = 0
  for (let k = 0; k < piece.length; k++) {
    const code = piece.charCodeAt(k)
    if (code === 0x0a) count++
    else if (code === 0x0d && piece.charCodeAt(k + 1) !== 0x0a) count++
  }
  return count
}
