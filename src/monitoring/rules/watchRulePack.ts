import type { RuleFileError } from './compileRules.js'
import { loadRulePack, readRuleFiles } from './loadRulePack.js'
import type { RuleSet } from './RuleSet.js'

export type RuleReload =
  | { readonly status: 'unchanged' }
  | { readonly status: 'reloaded'; readonly rules: number }
  | { readonly status: 'rejected'; readonly errors: readonly RuleFileError[] }

export type WatchedRules = {
  /** The last good rule set. */
  current(): RuleSet
  /** The last load's errors while a broken pack is kept out; empty once it loads again. */
  errors(): readonly RuleFileError[]
  /** Checks the directory now (what the poll does). */
  check(): RuleReload
  close(): void
}

export type WatchRulePackOptions = {
  /** Poll interval; 0 disables the timer (tests call `check`). Default 1,000 ms. */
  readonly intervalMs?: number
  readonly onReload?: (result: RuleReload) => void
}

/**
 * Hot reload: polls the directory's file names, sizes and mtimes (fs.watch misses edits on some
 * filesystems and fires mid-write) and reloads the pack when they change. A pack that fails to
 * load keeps the previous good set in force and reports its errors.
 */
export function watchRulePack(
  dir: string,
  initial: RuleSet,
  { intervalMs = 1000, onReload }: WatchRulePackOptions = {},
): WatchedRules {
  let ruleSet = initial
  let lastErrors: readonly RuleFileError[] = []
  let signature = safeSignature(dir)
  const check = (): RuleReload => {
    const next = safeSignature(dir)
    if (next === signature) return { status: 'unchanged' }
    signature = next
    const loaded = loadRulePack(dir)
    const result: RuleReload = loaded.ok
      ? { status: 'reloaded', rules: loaded.ruleSet.rules.length }
      : { status: 'rejected', errors: loaded.errors }
    if (loaded.ok) {
      ruleSet = loaded.ruleSet
      lastErrors = []
    } else {
      lastErrors = loaded.errors
    }
    onReload?.(result)
    return result
  }
  const timer = intervalMs > 0 ? setInterval(check, intervalMs) : null
  timer?.unref()
  return {
    current: () => ruleSet,
    errors: () => lastErrors,
    check,
    close: () => {
      if (timer !== null) clearInterval(timer)
    },
  }
}

function safeSignature(dir: string): string {
  try {
    return readRuleFiles(dir).signature
  } catch (error) {
    return `unreadable:${(error as Error).message}`
  }
}
