import { describe, expect, test } from 'vitest'
import { runCaptured } from '../../test/harness.js'
import { version } from '../version.js'

const run = runCaptured

test('--help lists the commands', async () => {
  const { code, stdout } = await run(['--help'])
  expect(code).toBe(0)
  for (const command of ['import', 'stats', 'serve']) expect(stdout).toContain(command)
})

test('import --help explains the formats', async () => {
  const { code, stdout } = await run(['import', '--help'])
  expect(code).toBe(0)
  expect(stdout).toContain('--strict')
  expect(stdout).toContain('ethereum-etl-csv')
})

test('--version', async () => {
  const { code, stdout } = await run(['--version'])
  expect(code).toBe(0)
  expect(stdout.trim()).toBe(version)
})

describe('errors', () => {
  test('error: unknown command is a usage error (exit 2)', async () => {
    const { code, stderr } = await run(['frobnicate'])
    expect(code).toBe(2)
    expect(stderr).toContain("unknown command 'frobnicate'")
  })

  test('error: bad database URL names the problem (exit 2), with --json as JSON', async () => {
    const { code, stderr } = await run(['--json', 'stats'], { CHAINWATCH_DATABASE_URL: 'sqlite:' })
    expect(code).toBe(2)
    expect(JSON.parse(stderr)).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "store.url_invalid",
          "details": "The SQLite file path is empty.",
          "message": "The database URL is not a sqlite: or postgres:// URL.",
          "meta": {
            "url": "sqlite:",
          },
        },
      }
    `)
  })

  test('error: unreachable PostgreSQL is exit 5 and hides the password', async () => {
    const { code, stderr } = await run([
      '--database',
      'postgres://bob:secret@127.0.0.1:1/test',
      'stats',
    ])
    expect(code).toBe(5)
    expect(stderr).not.toContain('secret')
    expect(stderr).toContain('store.unavailable')
  })

  test('error: unknown --format is refused before anything runs', async () => {
    const { code, stderr } = await run(['import', '--format', 'xml', 'a.xml'])
    expect(code).toBe(2)
    expect(stderr).toContain('Allowed choices are ethereum-etl-csv')
  })
})
