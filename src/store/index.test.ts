import { expect, test } from 'vitest'
import * as store from './index.js'

test('exports', () => {
  expect(Object.keys(store).sort()).toMatchInlineSnapshot(`
    [
      "liveCheckpointSource",
      "openPostgresStore",
      "openSqliteStore",
      "openStore",
      "parseAlertCursor",
      "parseStoreUrl",
      "redactUrl",
      "transferInsertParams",
      "transferInsertSql",
    ]
  `)
})
