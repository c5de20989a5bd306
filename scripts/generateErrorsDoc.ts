/** Writes docs/errors.md from the error catalog (run by `npm run docs:errors`; a test keeps it current). */
import { writeFileSync } from 'node:fs'
import { renderErrorsDoc } from '../test/renderErrorsDoc.js'

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc())
