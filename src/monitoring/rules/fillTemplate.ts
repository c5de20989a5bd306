import type { Finding } from './RuleKind.js'

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)\}/g

/** The `{names}` a template uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1] ?? '')
}

/** Fills `{name}` from the finding (arrays joined with ", "; missing values as "?"). */
export function fillTemplate(template: string, finding: Finding): string {
  return template.replace(placeholder, (_match, name: string) => {
    const value = finding[name]
    if (value === undefined || value === null) return '?'
    return Array.isArray(value) ? value.join(', ') : String(value)
  })
}
