import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compileRules } from './compileRules.js'
import { defaultRulePackDir, loadRulePack, loadRulePackOrThrow } from './loadRulePack.js'
import { watchRulePack } from './watchRulePack.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-rules-'))
  cpSync(defaultRulePackDir, dir, { recursive: true })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Writes a file and moves its mtime on, so a poll sees the change even within one tick. */
function write(name: string, text: string, bump: number) {
  const path = join(dir, name)
  writeFileSync(path, text)
  const when = new Date(Date.now() + bump * 1000)
  utimesSync(path, when, when)
}

describe('rule pack loading', () => {
  it('rejects a pack with a bad file, naming the file and the field', () => {
    const files = new Map([
      [
        'a.yaml',
        'id: a\nversion: 1\ntitle: A\nkind: fan-in\nseverity: medium\nscore: 10\nexplanation: "{counterparties}"\nparameters: { windowSeconds: 60, minCounterparties: 1, minDepositAddresses: 3 }\n',
      ],
    ])
    const result = compileRules(files)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/minCounterparties/)
  })

  it('rejects unknown kinds, unknown placeholders and duplicate ids', () => {
    const base =
      'version: 1\ntitle: T\nseverity: low\nscore: 1\nparameters: { categories: [mixer] }\n'
    const bad = (text: string) => {
      const result = compileRules(new Map([['x.yaml', text]]))
      return result.ok ? '' : (result.errors[0]?.message ?? '')
    }
    expect(bad(`id: x\nkind: telepathy\nexplanation: "x"\n${base}`)).toMatch(/kind/)
    expect(bad(`id: x\nkind: designation\nexplanation: "{nope}"\n${base}`)).toMatch(/\{nope\}/)
    const twice = compileRules(
      new Map([
        ['a.yaml', `id: x\nkind: designation\nexplanation: "{address}"\n${base}`],
        ['b.yaml', `id: x\nkind: designation\nexplanation: "{address}"\n${base}`],
      ]),
    )
    expect(twice.ok ? '' : twice.errors[0]?.message).toMatch(/also defined in a.yaml/)
  })

  it('throws config.invalid at startup for a broken pack', () => {
    write('zz-broken.yaml', 'id: [', 1)
    expect(() => loadRulePackOrThrow(dir)).toThrow(/zz-broken.yaml/)
  })
})

describe('hot reload', () => {
  it('picks up an edit, keeps the last good set when a file breaks, recovers when fixed', () => {
    const initial = loadRulePack(dir)
    if (!initial.ok) throw new Error('pack does not load')
    const watched = watchRulePack(dir, initial.ruleSet, { intervalMs: 0 })
    expect(watched.check()).toEqual({ status: 'unchanged' })

    const file = 'fan-in.yaml'
    const original = readFileSync(join(dir, file), 'utf8')
    write(
      file,
      original
        .replace('minCounterparties: 10', 'minCounterparties: 3')
        .replace('version: 1', 'version: 2'),
      1,
    )
    expect(watched.check()).toMatchObject({ status: 'reloaded' })
    expect(watched.current().rules.find((r) => r.id === 'fan-in')?.version).toBe(2)

    write(file, original.replace('score: 25', 'score: lots'), 2)
    const rejected = watched.check()
    expect(rejected.status).toBe('rejected')
    expect(watched.errors()[0]).toMatchObject({ file })
    expect(watched.errors()[0]?.message).toMatch(/score/)
    // The previous good set stays in force.
    expect(watched.current().rules.find((r) => r.id === 'fan-in')?.version).toBe(2)

    write(file, original, 3)
    expect(watched.check()).toMatchObject({ status: 'reloaded' })
    expect(watched.errors()).toEqual([])
    expect(watched.current().rules.find((r) => r.id === 'fan-in')?.version).toBe(1)
    watched.close()
  })

  it('polls on its own', async () => {
    const initial = loadRulePack(dir)
    if (!initial.ok) throw new Error('pack does not load')
    const reloads: string[] = []
    const watched = watchRulePack(dir, initial.ruleSet, {
      intervalMs: 20,
      onReload: (r) => reloads.push(r.status),
    })
    rmSync(join(dir, 'dormancy-burst.yaml'))
    await expect.poll(() => reloads, { timeout: 5000 }).toEqual(['reloaded'])
    expect(watched.current().rules.some((r) => r.id === 'dormancy-burst')).toBe(false)
    watched.close()
  })
})
