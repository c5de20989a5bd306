import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import pg from 'pg'
import { runCli } from '../src/cli/index.js'

/** The shared real data, beside the repository (../shared/data). */
export const sharedData = (path: string) => resolve(import.meta.dirname, '../../shared/data', path)

export const repoRoot = resolve(import.meta.dirname, '..')

export const testPostgresUrl =
  process.env.CHAINWATCH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export const testNatsUrl = process.env.CHAINWATCH_TEST_NATS_URL ?? 'nats://127.0.0.1:4222'

export type TestDialect = 'sqlite' | 'postgres'
export const testDialects: readonly TestDialect[] = ['sqlite', 'postgres']

/** An isolated database URL for one test: a temp SQLite file or a fresh PostgreSQL schema. */
export type TestDatabaseUrl = { readonly url: string; dispose(): Promise<void> }

export function createTestDatabaseUrl(dialect: TestDialect): TestDatabaseUrl {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'cw-e2e-'))
    return {
      url: `sqlite:${join(directory, 'chainwatch.db')}`,
      dispose: async () => rmSync(directory, { recursive: true, force: true }),
    }
  }
  const schema = `cw_e2e_${randomBytes(6).toString('hex')}`
  return {
    url: `${testPostgresUrl}?schema=${schema}`,
    dispose: async () => {
      const client = new pg.Client({ connectionString: testPostgresUrl })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await client.end()
    },
  }
}

export type CliRun = { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs the real CLI in-process with `env`, capturing its output. */
export async function runCaptured(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk))
        done()
      },
    })
  const err = Object.assign(
    sink((t) => {
      stderr += t
    }),
    { isTTY: false },
  ) as unknown as NodeJS.WriteStream
  const out = sink((t) => {
    stdout += t
  })
  const code = await runCli(args, { stdout: out, stderr: err, env })
  return { code, stdout, stderr }
}

/** Runs the real CLI in-process against `databaseUrl`, capturing its output. */
export function cli(databaseUrl: string, args: readonly string[]): Promise<CliRun> {
  return runCaptured(['--database', databaseUrl, ...args])
}

/** `chainwatch stats --json`, parsed, keyed by chain. */
export async function statsOf(
  databaseUrl: string,
): Promise<Record<string, Record<string, unknown>>> {
  const run = await cli(databaseUrl, ['--json', 'stats'])
  if (run.code !== 0) throw new Error(`stats failed: ${run.stderr}`)
  const parsed = JSON.parse(run.stdout) as { chains: { chain: string }[] }
  return Object.fromEntries(parsed.chains.map((c) => [c.chain, c]))
}
