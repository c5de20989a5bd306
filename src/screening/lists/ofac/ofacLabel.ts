export type OfacLabelParameters = {
  /** `[type, name]` pairs: `['a.k.a.', 'HIDDEN COBRA']` (types as OFAC writes them, any case). */
  readonly aliases: readonly (readonly [string, string])[]
  readonly countries: readonly string[]
}

const aliasTypes: Readonly<Record<string, string>> = {
  aka: 'a.k.a.',
  fka: 'f.k.a.',
  nka: 'n.k.a.',
}

/**
 * The label of an OFAC entry: its aliases and countries in the remark style every OFAC format
 * can produce the same way, or null when there are none.
 *
 * @example
 * ofacLabel({ aliases: [['aka', 'HIDDEN COBRA']], countries: ['Korea, North'] })
 * // "a.k.a. 'HIDDEN COBRA'; country: Korea, North"
 */
export function ofacLabel(params: OfacLabelParameters): string | null {
  const aliases = params.aliases.map(([type, name]) => {
    const key = type.toLowerCase().replaceAll('.', '')
    return `${aliasTypes[key] ?? type.toLowerCase()} '${name}'`
  })
  const countries = [...new Set(params.countries)]
    .filter((c) => c !== '')
    .map((c) => `country: ${c}`)
  const parts = [...new Set(aliases), ...countries]
  return parts.length > 0 ? parts.join('; ') : null
}
