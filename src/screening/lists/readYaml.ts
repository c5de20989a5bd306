import { Composer, type CST, type Document, isNode, isSeq, LineCounter, Parser } from 'yaml'
import { displayText } from './displayText.js'
import { listInvalid } from './listInvalid.js'

/** A YAML list file, read safely. */
export type YamlListFile = {
  /** The document as plain data (YAML 1.2 core schema, or 1.1 when the file says `%YAML 1.1`). */
  readonly value: unknown
  /** The 1-based line of each item of the top-level sequence `key` (e.g. `tags`), for rejections. */
  readonly itemLines: (key: string) => readonly number[]
}

// Real TagPacks nest 4 levels deep and use no aliases. The yaml composer recurses once per level,
// and V8 aborts the whole process (no catchable error) when a RegExp compiles near the stack limit,
// which 100,000 nested `[` reach; so the depth is checked on the CST before composing.
const maxDepth = 64
// Each alias counts as many nodes as it expands to: a "billion laughs" file fails at once.
const maxAliasCount = 50

/**
 * Parses a single-document YAML file without letting it exhaust the stack (nesting deeper than 64)
 * or memory (aliases expanding beyond 50 nodes).
 *
 * @throws ChainwatchError `list.invalid` naming the line of the first YAML error.
 */
export function readYaml(text: string, file?: string | undefined): YamlListFile {
  const lineCounter = new LineCounter()
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)]
  const deep = firstTooDeep(tokens)
  if (deep !== undefined) {
    throw listInvalid({
      file,
      where: `line ${lineCounter.linePos(deep).line}`,
      reason: `YAML nested more than ${maxDepth} levels deep`,
    })
  }
  const documents: Document.Parsed[] = [...new Composer().compose(tokens, true, text.length)]
  const [document] = documents
  if (document === undefined || (document.contents === null && document.errors.length === 0)) {
    throw listInvalid({ file, reason: 'it is empty' })
  }
  if (documents.length > 1) {
    throw listInvalid({ file, reason: 'it holds more than one YAML document' })
  }
  const [error] = document.errors
  if (error !== undefined) {
    const [offset] = error.pos
    throw listInvalid({
      file,
      where: offset < 0 ? undefined : `line ${lineCounter.linePos(offset).line}`,
      reason: `not YAML (${displayText(error.message)})`,
      cause: error,
    })
  }
  let value: unknown
  try {
    value = document.toJS({ maxAliasCount })
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause)
    throw listInvalid({ file, reason: `YAML that cannot be loaded (${displayText(why)})`, cause })
  }
  return {
    value,
    itemLines: (key) => {
      const node = document.get(key, true)
      if (!isSeq(node)) return []
      return node.items.map((item) =>
        isNode(item) && item.range ? lineCounter.linePos(item.range[0]).line : 0,
      )
    },
  }
}

/** The offset of the first CST node nested deeper than `maxDepth`, walked without recursion. */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0])
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [token, depth] = next
    if (depth > maxDepth) return token.offset
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth + 1])
        break
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        for (const item of token.items) {
          if (item.key) stack.push([item.key, depth + 1])
          if (item.value) stack.push([item.value, depth + 1])
        }
        break
      default:
        break
    }
  }
  return undefined
}
