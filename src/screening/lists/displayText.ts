const maxShown = 100

/**
 * Text from a list file as it may appear in a message or a rejection: cut to 100 characters and
 * with control characters escaped, so that a hostile file cannot flood or forge log lines.
 */
export function displayText(text: string): string {
  let shown = text
  if (text.length > maxShown) {
    const code = text.charCodeAt(maxShown - 1)
    // Do not cut a surrogate pair in half.
    const end = code >= 0xd800 && code <= 0xdbff ? maxShown - 1 : maxShown
    shown = `${text.slice(0, end)}… (${text.length} characters)`
  }
  return shown.replace(/[\p{Cc}\u2028\u2029]/gu, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}
