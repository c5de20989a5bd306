/**
 * Splits OFAC's Program column, where several programmes are joined as `IRAN] [SDGT`
 * (the file's own bracket-less outer ends), into `['IRAN', 'SDGT']`.
 *
 * @example
 * parseOfacProgrammes('NPWMD] [CAATSA - RUSSIA') // ['NPWMD', 'CAATSA - RUSSIA']
 */
export function parseOfacProgrammes(program: string | null): string[] {
  if (program === null) return []
  return program
    .replace(/^\s*\[/, '')
    .replace(/\]\s*$/, '')
    .split(/\]\s*\[/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
