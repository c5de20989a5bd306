/**
 * Replaces the password of a database URL (in its userinfo or a `password` query parameter) with
 * `***`, so URLs can appear in messages and logs.
 *
 * @example
 * redactUrl('postgres://app:secret@db:5432/chainwatch') // 'postgres://app:***@db:5432/chainwatch'
 */
export function redactUrl(url: string): string {
  if (URL.canParse(url)) {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***')
    return parsed.toString()
  }
  // Not parseable: cut everything between `user:` and the last `@`, which is where a password
  // would be (greedy, because passwords may contain `@`).
  return url.replace(/(\/\/[^/:@]*:).*@/, '$1***@').replace(/(password=)[^&]*/gi, '$1***')
}
