import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { MAX_LINE_CHARS, readLines, type TextLine } from './readLines.js'

const dir = mkdtempSync(join(tmpdir(), 'cw-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function linesOf(content: string | Buffer): Promise<TextLine[]> {
  const file = join(dir, `f${Math.random()}`)
  writeFileSync(file, content)
  const all: TextLine[] = []
  for await (const run of readLines(file).lines) all.push(...run)
  return all
}

test('default: LF and CRLF, numbered from 1, last line without a newline', async () => {
  expect(await linesOf('a,b\r\nc\n\nd')).toEqual([
    { line: 1, text: 'a,b' },
    { line: 2, text: 'c' },
    { line: 3, text: '' },
    { line: 4, text: 'd' },
  ])
})

test('behavior: a multi-byte character split across chunks survives', async () => {
  const text = `${'x'.repeat((1 << 20) - 1)}€\nok\n`
  const lines = await linesOf(Buffer.from(text, 'utf8'))
  expect(lines.map((l) => l.text?.slice(-2))).toEqual(['x€', 'ok'])
})

test('behavior: a line longer than the limit is skipped (null), the next lines still read', async () => {
  const giant = 'y'.repeat(MAX_LINE_CHARS + 10)
  const lines = await linesOf(`first\n${giant}\nafter\n${giant}`)
  expect(lines).toEqual([
    { line: 1, text: 'first' },
    { line: 2, text: null },
    { line: 3, text: 'after' },
    { line: 4, text: null },
  ])
})
