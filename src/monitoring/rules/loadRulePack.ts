import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ChainwatchError } from '../../errors/index.js'
import { compileRules, type RuleFileError } from './compileRules.js'
import type { RuleSet } from './RuleSet.js'

/** The pack shipped with Chainwatch (src/ and dist/ sit at the same depth under the root). */
export const defaultRulePackDir = new URL('../../../src/monitoring/rules/pack/', import.meta.url)
  .pathname

const ruleFile = /\.ya?ml$/

export type LoadResult =
  | { readonly ok: true; readonly ruleSet: RuleSet }
  | { readonly ok: false; readonly errors: readonly RuleFileError[] }

/** The rule files of a directory (`*.yaml`, `*.yml`) in name order, with a change signature. */
export function readRuleFiles(dir: string): {
  files: Map<string, string>
  signature: string
} {
  const names = readdirSync(dir)
    .filter((name) => ruleFile.test(name))
    .sort()
  const files = new Map<string, string>()
  const parts: string[] = []
  for (const name of names) {
    const path = join(dir, name)
    const stat = statSync(path)
    parts.push(`${name}:${stat.size}:${stat.mtimeMs}`)
    files.set(name, readFileSync(path, 'utf8'))
  }
  return { files, signature: parts.join('|') }
}

/** Loads and validates a rule pack directory; all files or none. */
export function loadRulePack(dir: string, now: () => Date = () => new Date()): LoadResult {
  let files: Map<string, string>
  try {
    files = readRuleFiles(dir).files
  } catch (error) {
    return { ok: false, errors: [{ file: dir, message: (error as Error).message }] }
  }
  if (files.size === 0) return { ok: false, errors: [{ file: dir, message: 'no rule files' }] }
  const result = compileRules(files)
  if (!result.ok) return result
  return {
    ok: true,
    ruleSet: { rules: result.rules, loadedAt: now().toISOString(), source: dir },
  }
}

/** Loads a pack or throws `config.invalid` listing each bad file (for startup). */
export function loadRulePackOrThrow(dir: string = defaultRulePackDir): RuleSet {
  const result = loadRulePack(dir)
  if (result.ok) return result.ruleSet
  throw new ChainwatchError('config.invalid', `The rule pack in ${dir} is invalid.`, {
    meta: { dir },
    details: result.errors.map((e) => `${e.file}: ${e.message}`).join('\n'),
  })
}
