import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { renderErrorsDoc } from './renderErrorsDoc.js'

test('docs/errors.md matches the error catalog (run `npm run docs:errors` after adding a code)', () => {
  const onDisk = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')
  expect(onDisk).toBe(renderErrorsDoc())
})
