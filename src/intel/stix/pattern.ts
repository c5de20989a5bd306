/**
 * The part of the STIX 2.1 patterning language (STIXPattern.g4) that wallet indicators use:
 * observations `[type:path = 'literal']` and `[type:path IN ('a', 'b')]`, joined by OR inside
 * and between brackets. Everything else the grammar allows (AND, FOLLOWEDBY, qualifiers, other
 * operators, non-string literals) is refused with a reason rather than half-understood.
 */

/** One `type:path = value` test (an IN list gives several values). */
export type PatternComparison = {
  readonly objectType: string
  /** Property path as written after the colon: `value`, `output[*].address_ref.value`. */
  readonly path: string
  readonly values: readonly string[]
}

export type ParsedPattern =
  | { readonly ok: true; readonly comparisons: readonly PatternComparison[] }
  | { readonly ok: false; readonly reason: string }

/** Longer patterns are refused: feeds put one address (or a short IN list) per indicator. */
export const MAX_PATTERN_LENGTH = 100_000

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly text: string; readonly at: number }
  | { readonly kind: 'punct'; readonly text: string; readonly at: number }
  | { readonly kind: 'other'; readonly text: string; readonly at: number }

const unsupportedWords = new Set([
  'AND',
  'NOT',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'FOLLOWEDBY',
  'WITHIN',
  'REPEATS',
  'START',
  'STOP',
  'EXISTS',
])

class PatternError extends Error {}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const char = pattern[i] ?? ''
    if (/\s/.test(char)) {
      i++
    } else if (char === "'") {
      const start = i
      let text = ''
      i++
      for (;;) {
        const c = pattern[i]
        if (c === undefined) throw new PatternError(`unterminated string literal at ${start}`)
        if (c === "'") break
        if (c === '\\') {
          const next = pattern[i + 1]
          if (next !== "'" && next !== '\\')
            throw new PatternError(
              `invalid escape "\\${next ?? ''}" at ${i} (only \\' and \\\\ are allowed)`,
            )
          text += next
          i += 2
        } else {
          text += c
          i++
        }
      }
      i++
      tokens.push({ kind: 'string', text, at: start })
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(pattern.slice(i, i + 300))?.[0] ?? char
      // t'…', h'…', b'…' literals: a one-letter word glued to a quote.
      if (pattern[i + match.length] === "'")
        throw new PatternError(`non-string literal ${match}'…' at ${i}`)
      tokens.push({ kind: 'word', text: match, at: i })
      i += match.length
    } else if ('[]():,.*'.includes(char)) {
      tokens.push({ kind: 'punct', text: char, at: i })
      i++
    } else if (char === '=' || char === '!' || char === '<' || char === '>') {
      const two = pattern.slice(i, i + 2)
      const op = ['!=', '<=', '>='].includes(two) ? two : char
      tokens.push({ kind: op === '=' ? 'punct' : 'other', text: op, at: i })
      i += op.length
    } else {
      const match = /^[-+0-9][0-9.eE+-]*/.exec(pattern.slice(i, i + 50))?.[0]
      if (match === undefined || match === '')
        throw new PatternError(`unexpected character "${char}" at ${i}`)
      tokens.push({ kind: 'other', text: match, at: i })
      i += match.length
    }
  }
  return tokens
}

class Parser {
  private index = 0
  constructor(private readonly tokens: readonly Token[]) {}

  pattern(): PatternComparison[] {
    const comparisons = this.observation()
    while (this.peekWord('OR')) {
      this.index++
      comparisons.push(...this.observation())
    }
    const rest = this.tokens[this.index]
    if (rest !== undefined)
      throw new PatternError(this.describe(rest, 'after the last observation'))
    return comparisons
  }

  private observation(): PatternComparison[] {
    this.expect('[')
    const comparisons = [this.comparison()]
    while (this.peekWord('OR')) {
      this.index++
      comparisons.push(this.comparison())
    }
    this.expect(']')
    return comparisons
  }

  private comparison(): PatternComparison {
    const type = this.next('an object type')
    if (type.kind !== 'word')
      throw new PatternError(this.describe(type, 'where an object type belongs'))
    this.expect(':')
    const path = this.path()
    const op = this.next('an operator')
    if (op.kind === 'punct' && op.text === '=')
      return { objectType: type.text, path, values: [this.string()] }
    if (op.kind === 'word' && op.text.toUpperCase() === 'IN') {
      this.expect('(')
      const values = [this.string()]
      while (this.peekPunct(',')) {
        this.index++
        values.push(this.string())
      }
      this.expect(')')
      return { objectType: type.text, path, values }
    }
    throw new PatternError(this.describe(op, 'where = or IN belongs'))
  }

  private path(): string {
    const first = this.next('a property name')
    if (first.kind !== 'word')
      throw new PatternError(this.describe(first, 'where a property name belongs'))
    let path = first.text
    for (;;) {
      if (this.peekPunct('.')) {
        this.index++
        const step = this.next('a property name')
        if (step.kind !== 'word') throw new PatternError(this.describe(step, 'after "."'))
        path += `.${step.text}`
      } else if (this.peekPunct('[') && this.tokens[this.index + 2]?.text === ']') {
        const inner = this.tokens[this.index + 1]
        if (inner === undefined || !(inner.text === '*' || /^[0-9]+$/.test(inner.text)))
          throw new PatternError(`invalid list index at ${this.tokens[this.index]?.at ?? 0}`)
        path += `[${inner.text}]`
        this.index += 3
      } else {
        return path
      }
    }
  }

  private string(): string {
    const token = this.next('a string literal')
    if (token.kind !== 'string')
      throw new PatternError(this.describe(token, 'where a string literal belongs'))
    return token.text
  }

  private expect(text: string): void {
    const token = this.next(`"${text}"`)
    if (token.kind !== 'punct' || token.text !== text)
      throw new PatternError(this.describe(token, `where "${text}" belongs`))
  }

  private next(what: string): Token {
    const token = this.tokens[this.index++]
    if (token === undefined) throw new PatternError(`pattern ends where ${what} belongs`)
    return token
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.index]
    return token?.kind === 'word' && token.text.toUpperCase() === word
  }

  private peekPunct(text: string): boolean {
    const token = this.tokens[this.index]
    return token?.kind === 'punct' && token.text === text
  }

  private describe(token: Token, where: string): string {
    const upper = token.text.toUpperCase()
    if (token.kind === 'word' && unsupportedWords.has(upper))
      return `${upper} at ${token.at} is valid STIX but not supported here (only = and IN joined by OR)`
    if (token.kind === 'other' && ['!=', '<', '>', '<=', '>='].includes(token.text))
      return `operator ${token.text} at ${token.at} is not supported here (only = and IN)`
    return `unexpected "${token.text}" at ${token.at} ${where}`
  }
}

/** Parses a STIX pattern of the supported subset, or says why not. Never throws. */
export function parsePattern(pattern: string): ParsedPattern {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return { ok: false, reason: `pattern longer than ${MAX_PATTERN_LENGTH} characters` }
  try {
    return { ok: true, comparisons: new Parser(tokenize(pattern)).pattern() }
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, reason: error.message }
    throw error
  }
}

/** A pattern string literal: backslashes and quotes escaped as the grammar requires. */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}

/** The indicator pattern of one wallet address. */
export function walletPattern(address: string): string {
  return `[cryptocurrency-wallet:value = ${stringLiteral(address)}]`
}
