import { isJsonObject } from './FieldSource.js'
import { rowInvalid } from './rowInvalid.js'

/** A number token of 16+ characters right after `:`, `,` or `[`: it may not fit a double. */
const LONG_NUMBER = /[:,[]\s*-?\d[\d.eE+-]{15}/
/** JSON's number grammar: a token outside it (`0123`) is left for `JSON.parse` to reject. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * Parses one JSON-lines row into an object, losslessly: every number token that could exceed
 * 2^53 (16+ characters, e.g. `"value": 7400000000000000000`) is rewritten as its digit string
 * before `JSON.parse`, and field readers accept digit strings. Shorter numbers stay numbers and
 * are exact. Throws `import.row_invalid` for malformed JSON or a non-object row.
 */
export function parseJsonLine(line: string): Readonly<Record<string, unknown>> {
  let value: unknown
  try {
    value = JSON.parse(LONG_NUMBER.test(line) ? quoteLongNumbers(line) : line)
  } catch {
    // Report the parser's own words about the line as written, not about the rewritten one.
    throw rowInvalid(`truncated or invalid JSON (${jsonErrorOf(line)})`)
  }
  if (isJsonObject(value)) return value
  const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value
  throw rowInvalid(`expected a JSON object, got ${kind}`)
}

/**
 * Wraps number tokens of 16+ characters in quotes. Strings are skipped whole (found with
 * indexOf, minding escaped quotes), so digits inside them are never touched; in invalid JSON the
 * rewrite may be wrong, but then `JSON.parse` rejects the line anyway.
 */
function quoteLongNumbers(line: string): string {
  let out = ''
  let copied = 0
  let at = 0
  while (at < line.length) {
    const code = line.charCodeAt(at)
    if (code === 0x22) {
      at = endOfString(line, at + 1)
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = at + 1
      while (end < line.length && isNumberChar(line.charCodeAt(end))) end += 1
      if (end - at >= 16) {
        const token = line.slice(at, end)
        if (JSON_NUMBER.test(token)) {
          out += `${line.slice(copied, at)}"${token}"`
          copied = end
        }
      }
      at = end
    } else {
      at += 1
    }
  }
  return copied === 0 ? line : out + line.slice(copied)
}

/** The index just past the closing quote of a string whose content starts at `from`. */
function endOfString(line: string, from: number): number {
  let quote = line.indexOf('"', from)
  while (quote !== -1) {
    let backslashes = 0
    while (line.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1
    if (backslashes % 2 === 0) return quote + 1
    quote = line.indexOf('"', quote + 1)
  }
  return line.length
}

/** Digits, `.`, `e`, `E`, `+`, `-`: the characters after the first one of a JSON number. */
function isNumberChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x65 ||
    code === 0x45 ||
    code === 0x2b ||
    code === 0x2d
  )
}

function jsonErrorOf(line: string): string {
  try {
    JSON.parse(line)
    return 'number rewriting failed'
  } catch (error) {
    // Newer V8 appends "(line 1 column 201)" to the position: one line, so drop it.
    const message = error instanceof Error ? error.message : String(error)
    return message.replace(/ \(line \d+ column \d+\)$/, '')
  }
}
