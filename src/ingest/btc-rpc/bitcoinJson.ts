import { ChainwatchError } from '../../errors/index.js'

/**
 * Parses a Bitcoin Core response body without losing amounts: every number token with a fraction
 * or an exponent is kept as its text (a string), so `0.1` BTC becomes exactly 10,000,000 satoshi
 * later instead of passing through a double. Integers (heights, indexes) stay numbers. Strings are
 * skipped whole, so digits inside them are never touched. Throws a SyntaxError for invalid JSON.
 */
export function parseBitcoinJson(text: string): unknown {
  let out = ''
  let copied = 0
  let at = 0
  while (at < text.length) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      at = endOfString(text, at + 1)
      continue
    }
    if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = at + 1
      while (end < text.length && /[\d.eE+-]/.test(text[end] as string)) end++
      const token = text.slice(at, end)
      if (/[.eE]/.test(token)) {
        out += `${text.slice(copied, at)}"${token}"`
        copied = end
      }
      at = end
      continue
    }
    at++
  }
  return JSON.parse(copied === 0 ? text : out + text.slice(copied))
}

function endOfString(text: string, from: number): number {
  let at = from
  for (;;) {
    const quote = text.indexOf('"', at)
    if (quote === -1) return text.length
    let backslashes = 0
    for (let i = quote - 1; i >= from && text[i] === '\\'; i--) backslashes++
    if (backslashes % 2 === 0) return quote + 1
    at = quote + 1
  }
}

const SATOSHI_DIGITS = 8

/**
 * A BTC amount as Bitcoin Core writes it (`50.00000000`, or a re-serialised `50.0`, `1e-05`,
 * `50`) → satoshi, exactly. More than 8 decimal places or a negative value is refused.
 */
export function satoshiOf(value: string | number): bigint {
  const text = typeof value === 'number' ? String(value) : value
  const match = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (match === null || (typeof value === 'number' && !Number.isFinite(value))) {
    throw notAmount(text)
  }
  const [, whole = '', fraction = '', exponent = '0'] = match
  const digits = whole + fraction
  // Position of the decimal point counted from the left of `digits`, in satoshi units.
  const scale = SATOSHI_DIGITS - fraction.length + Number(exponent)
  if (scale >= 0) return BigInt(digits) * 10n ** BigInt(scale)
  const dropped = digits.slice(scale)
  if (!/^0*$/.test(dropped)) throw notAmount(text)
  return BigInt(digits.slice(0, scale) || '0')
}

function notAmount(text: string): ChainwatchError {
  return new ChainwatchError('rpc.malformed', `${text} is not a BTC amount in satoshi precision.`, {
    meta: { value: text },
  })
}
