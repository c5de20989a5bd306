/**
 * Escapes text for XML and HTML content and attribute values. Characters XML 1.0 cannot carry
 * even escaped (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so hostile
 * data can never make the document malformed.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"']/g, (c) => entities[c] ?? c)
}

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
