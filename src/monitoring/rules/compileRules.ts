import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { placeholdersOf } from './fillTemplate.js'
import { ruleKinds } from './kinds.js'
import type { Rule } from './RuleSet.js'
import { type RuleFile, ruleFileSchema } from './ruleSchema.js'

/** A rule file that could not be used, and why. */
export type RuleFileError = { readonly file: string; readonly message: string }

export type CompileResult =
  | { readonly ok: true; readonly rules: readonly Rule[] }
  | { readonly ok: false; readonly errors: readonly RuleFileError[] }

/**
 * Parses and validates rule files (name → YAML text): the file schema, the kind's parameters,
 * the template's placeholders against what the kind fills, and unique ids. All or nothing: one
 * bad file fails the pack, so a half-edited pack never replaces a good one. Disabled rules are
 * validated and then left out.
 */
export function compileRules(files: ReadonlyMap<string, string>): CompileResult {
  const errors: RuleFileError[] = []
  const rules: Rule[] = []
  const seen = new Map<string, string>()
  for (const [file, text] of files) {
    try {
      const parsed = ruleFileSchema.safeParse(parseYaml(text))
      if (!parsed.success) {
        errors.push({ file, message: issues(parsed.error) })
        continue
      }
      const rule = compileRule(file, parsed.data)
      const other = seen.get(rule.id)
      if (other !== undefined) {
        errors.push({ file, message: `rule id "${rule.id}" is also defined in ${other}` })
        continue
      }
      seen.set(rule.id, file)
      if (parsed.data.enabled) rules.push(rule)
    } catch (error) {
      errors.push({ file, message: messageOf(error) })
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules }
}

function compileRule(file: string, data: RuleFile): Rule {
  let compiled: ReturnType<(typeof ruleKinds)[keyof typeof ruleKinds]>
  try {
    compiled = ruleKinds[data.kind](data.parameters)
  } catch (error) {
    throw new Error(`parameters of kind ${data.kind}: ${messageOf(error)}`)
  }
  const unknown = placeholdersOf(data.explanation).filter((p) => !compiled.evidenceKeys.includes(p))
  if (unknown.length > 0) {
    throw new Error(
      `explanation uses {${unknown.join('}, {')}}, which kind ${data.kind} does not fill (it fills ${compiled.evidenceKeys.join(', ')})`,
    )
  }
  return {
    id: data.id,
    version: data.version,
    title: data.title,
    kind: data.kind,
    severity: data.severity,
    score: data.score,
    directions: data.directions,
    explanation: data.explanation,
    fatf: data.fatf,
    file,
    evaluate: compiled.evaluate,
    needs: compiled.needs,
  }
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')
}

function messageOf(error: unknown): string {
  if (error instanceof z.ZodError) return issues(error)
  return error instanceof Error ? error.message : String(error)
}
