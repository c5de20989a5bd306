import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore } from '../src/store/index.js'
import {
  cli,
  createTestDatabaseUrl,
  repoRoot,
  statsOf,
  type TestDatabaseUrl,
  testDialects,
} from './harness.js'
import { writeSyntheticTransfers } from './syntheticTransfers.js'

const ROWS = 150_000
let dir: string
let file: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-kill-'))
  file = join(dir, 'token_transfers.csv')
  await writeSyntheticTransfers(file, ROWS)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The checkpoint key the importer uses for `file` (path, size, mtime). */
function checkpointKey(path: string): string {
  const info = statSync(path)
  return `${resolve(path)}:${info.size}:${Math.trunc(info.mtimeMs)}`
}

describe.each(testDialects)('%s: kill -9 during an import', (dialect) => {
  let interrupted: TestDatabaseUrl
  let clean: TestDatabaseUrl
  beforeAll(() => {
    interrupted = createTestDatabaseUrl(dialect)
    clean = createTestDatabaseUrl(dialect)
  })
  afterAll(async () => {
    await interrupted.dispose()
    await clean.dispose()
  })

  test('behavior: the same import again ends with the stats of a clean import', async () => {
    // Opening the store once creates the schema, so the poller below can read checkpoints.
    const watcher = await openStore(interrupted.url)
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        '--database',
        interrupted.url,
        'import',
        '--batch-size',
        '1000',
        file,
      ],
      { cwd: repoRoot, stdio: 'ignore' },
    )
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.once('exit', (_code, signal) => done(signal)),
    )
    const key = checkpointKey(file)
    let committedAtKill = 0
    for (let attempt = 0; attempt < 6000 && committedAtKill === 0; attempt++) {
      committedAtKill = await watcher.checkpoint(key)
      if (committedAtKill === 0) await new Promise((r) => setTimeout(r, 5))
    }
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const committed = await watcher.checkpoint(key)
    await watcher.close()
    // It was killed mid-way: some batches committed, not all.
    expect(committed).toBeGreaterThan(0)
    expect(committed).toBeLessThan(ROWS + 1)

    const resumed = await cli(interrupted.url, ['--json', 'import', '--batch-size', '1000', file])
    expect(resumed.code).toBe(0)
    const summary = JSON.parse(resumed.stdout).files[0] as { resumedAfter: number; rows: number }
    expect(summary.resumedAfter).toBeGreaterThanOrEqual(committed)
    expect(summary.resumedAfter + summary.rows).toBe(ROWS + 1)

    expect((await cli(clean.url, ['import', file])).code).toBe(0)
    const cleanStats = await statsOf(clean.url)
    expect(cleanStats.ethereum).toMatchObject({ token_transfers: ROWS })
    expect(await statsOf(interrupted.url)).toEqual(cleanStats)
  })
})
