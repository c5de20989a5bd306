import { TextDecoder } from 'node:util'
import { SaxesParser } from 'saxes'
import { listInvalid } from './listInvalid.js'

/** An open element as the visitor sees it: local name (namespace prefix dropped) and attributes. */
export type XmlElement = {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
}

/** Where the visitor is: the open ancestors, and an error builder that names the place. */
export type XmlContext = {
  /** From the root to the parent of the current element. */
  readonly ancestors: readonly XmlElement[]
  /** `list.invalid` at the current line and column. */
  readonly invalid: (reason: string) => Error
}

export type XmlVisitor = {
  readonly open?: (element: XmlElement, context: XmlContext) => void
  /** `text` is the element's own text when it has no child elements, otherwise empty. */
  readonly close?: (element: XmlElement, text: string, context: XmlContext) => void
}

export type StreamXmlParameters = {
  readonly bytes: Uint8Array
  /** Name used in errors. */
  readonly file: string
  /** Local name the root element must have (`sdnList`, `Sanctions`). */
  readonly root: string
  readonly visitor: XmlVisitor
}

const CHUNK_BYTES = 64 * 1024
const MAX_TEXT_CHARS = 1 << 20

/**
 * Streams XML through saxes in 64 KiB chunks, by local element names (OFAC changes namespaces
 * between editions). Refuses what a sanctions file never needs and an attacker would use:
 * any DOCTYPE (entity expansion, external entities), encodings other than UTF-8, a root other
 * than `root`, text nodes over 1 MiB. Garbage fails within the first chunk.
 *
 * @throws ChainwatchError `list.invalid` naming the file, line and column (saxes' own errors
 * become that too); errors the visitor throws pass through unchanged.
 */
export function streamXml(params: StreamXmlParameters): void {
  const { bytes, file, root, visitor } = params
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw listInvalid({
      file,
      line: 1,
      column: 1,
      reason: 'UTF-16 text (byte-order mark); expected UTF-8 XML',
    })
  }
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true })
  const invalid = (reason: string, cause?: unknown) =>
    listInvalid({ file, line: parser.line, column: parser.column + 1, reason, cause })
  const stack: XmlElement[] = []
  const context: XmlContext = { ancestors: stack, invalid }
  let text = ''
  let leaf = false
  let sawRoot = false
  parser.on('error', (error) => {
    throw invalid(error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''))
  })
  parser.on('doctype', () => {
    throw invalid('DOCTYPE declarations are refused (entity expansion, external entities)')
  })
  parser.on('xmldecl', (decl) => {
    const encoding = decl.encoding
    if (encoding !== undefined && !/^(utf-?8|us-ascii|ascii)$/i.test(encoding)) {
      throw invalid(`declared encoding ${encoding} is not supported; expected UTF-8`)
    }
  })
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: localName(tag.name), attributes: tag.attributes }
    if (!sawRoot && element.name !== root) {
      throw invalid(`root element <${element.name}>, expected <${root}>`)
    }
    sawRoot = true
    visitor.open?.(element, context)
    stack.push(element)
    text = ''
    leaf = true
  })
  const appendText = (chunk: string) => {
    if (!leaf) return
    if (text.length + chunk.length > MAX_TEXT_CHARS) throw invalid('text node longer than 1 MiB')
    text += chunk
  }
  parser.on('text', appendText)
  parser.on('cdata', appendText)
  parser.on('closetag', () => {
    const element = stack.pop()
    if (element === undefined) return
    visitor.close?.(element, leaf ? text : '', context)
    text = ''
    leaf = false
  })

  const decoder = new TextDecoder('utf-8', { fatal: true })
  const decode = (chunk: Uint8Array, offset: number): string => {
    try {
      return decoder.decode(chunk, { stream: true })
    } catch (cause) {
      const at = firstInvalidByte(chunk)
      const before = chunk.subarray(0, at)
      const newlines = before.reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 0)
      throw listInvalid({
        file,
        line: parser.line + newlines,
        column: newlines === 0 ? parser.column + 1 + at : at - before.lastIndexOf(0x0a),
        reason: `not UTF-8 (invalid byte sequence at byte ${offset + at})`,
        cause,
      })
    }
  }
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    parser.write(decode(bytes.subarray(offset, offset + CHUNK_BYTES), offset))
    if (!sawRoot) throw invalid(`no root element in the first ${CHUNK_BYTES / 1024} KiB`)
  }
  let rest: string
  try {
    rest = decoder.decode()
  } catch (cause) {
    throw invalid('file ends inside a UTF-8 character (truncated)', cause)
  }
  parser.write(rest)
  parser.close()
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** Index of the byte that makes `chunk` invalid UTF-8, by bisection on streamed prefixes. */
function firstInvalidByte(chunk: Uint8Array): number {
  let low = 0
  let high = chunk.length
  while (low < high) {
    const middle = (low + high) >>> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, middle + 1), {
        stream: true,
      })
      low = middle + 1
    } catch {
      high = middle
    }
  }
  return low
}
