import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const srcDir = resolve(import.meta.dirname, '../src')

/** Every `src/**` import that crosses into another domain folder must target its index.ts. */
test('domain folders are entered only through their index.ts', () => {
  const violations: string[] = []
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  )
  for (const file of files) {
    const absolute = join(srcDir, file)
    const text = readFileSync(absolute, 'utf8')
    for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const specifier = match[1] ?? ''
      const target = relative(srcDir, resolve(dirname(absolute), specifier))
      const fromTop = file.split('/')[0]
      const toTop = target.split('/')[0]
      const outsideSrc = target.startsWith('..')
      const crossesDomain =
        !outsideSrc && file.includes('/') && target.includes('/') && fromTop !== toTop
      if (crossesDomain && target !== `${toTop}/index.js`) {
        violations.push(`${file} imports ${specifier}`)
      }
    }
  }
  expect(violations).toEqual([])
})

test('no file grows past 400 lines', () => {
  const long = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ f, lines: readFileSync(join(srcDir, f), 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > 400)
    .map(({ f, lines }) => `${f}: ${lines}`)
  expect(long).toEqual([])
})
