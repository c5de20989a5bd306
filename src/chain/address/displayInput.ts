const maxShown = 100

/**
 * The input as it may appear in an error message: cut to 100 characters and with control
 * characters escaped, so that a hostile or huge input cannot flood or forge log lines.
 */
export function displayInput(input: string): string {
  let shown = input
  if (input.length > maxShown) {
    // Do not cut a surrogate pair in half.
    const end = isHighSurrogate(input.charCodeAt(maxShown - 1)) ? maxShown - 1 : maxShown
    shown = `${input.slice(0, end)}… (${input.length} characters)`
  }
  return shown.replace(/[\p{Cc}\u2028\u2029]/gu, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** One character of an input, quoted and escaped, for a reason such as `invalid character "0"`. */
export function displayChar(char: string): string {
  return `"${displayInput(char)}"`
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
