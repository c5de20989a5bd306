import { exitCodes } from '../src/cli/index.js'
import { type ErrorCode, errorCatalog } from '../src/errors/index.js'
import { httpStatus } from '../src/server/index.js'

/** docs/errors.md, rendered from the catalog and the two edge mappings. */
export function renderErrorsDoc(): string {
  const codes = Object.keys(errorCatalog).sort() as ErrorCode[]
  const lines = [
    '# Error codes',
    '',
    'Generated from `src/errors/codes.ts` by `npm run docs:errors`; do not edit by hand.',
    'Every error Chainwatch reports carries one of these stable codes, in JSON (`--json`, HTTP',
    'bodies: `{ "error": { "code", "message", "meta", "details" } }`) and in the text message',
    '(`Docs: docs/errors.md#<code>`).',
    '',
    '| code | meaning | HTTP | CLI exit |',
    '| --- | --- | --- | --- |',
  ]
  for (const code of codes) {
    lines.push(
      `| <a id="${code}"></a>\`${code}\` | ${errorCatalog[code]} | ${httpStatus[code]} | ${exitCodes[code]} |`,
    )
  }
  return `${lines.join('\n')}\n`
}
