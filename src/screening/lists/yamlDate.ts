/**
 * The ISO date (`YYYY-MM-DD`) of a YAML date field: a string starting with a calendar date
 * (`2022-04-15`, `2023-08-16 12:18:52.619444`) or a YAML 1.1 timestamp. `null` when the field is
 * absent, `undefined` when it is present but not a date.
 *
 * @example
 * yamlDate('2023-08-16 12:18:52.619444') // '2023-08-16'
 */
export function yamlDate(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10)
  }
  if (typeof value !== 'string') return undefined
  const match = value.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/)
  if (!match) return undefined
  const [, year, month, day] = match.map(Number)
  if (year === undefined || month === undefined || day === undefined) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return valid ? date.toISOString().slice(0, 10) : undefined
}
