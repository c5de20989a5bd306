import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { type ChainwatchError, isChainwatchError } from '../errors/index.js'
import { openStore } from './index.js'
import { testPostgresUrl } from './testDialects.js'

const directory = mkdtempSync(join(tmpdir(), 'cw-open-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

async function failure(open: Promise<unknown>): Promise<ChainwatchError> {
  const error = await open.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!isChainwatchError(error)) throw new Error(`expected a ChainwatchError, got ${String(error)}`)
  return error
}

describe('sqlite', () => {
  test('default: creates parent directories', async () => {
    const path = join(directory, 'nested', 'deeper', 'chainwatch.db')
    const store = await openStore(`sqlite:${path}`)
    await store.ping()
    expect(store.dialect).toBe('sqlite')
    expect(existsSync(path)).toBe(true)
    await store.close()
  })

  test('args: sqlite::memory:', async () => {
    const store = await openStore('sqlite::memory:')
    expect(await store.stats()).toEqual([])
    await store.close()
  })

  test('error: path cannot be created', async () => {
    const file = join(directory, 'a-file')
    writeFileSync(file, 'not a directory')
    const error = await failure(openStore(`sqlite:${join(file, 'store.db')}`))
    expect(error.code).toBe('store.unavailable')
  })

  test('error: not a database', async () => {
    const file = join(directory, 'text.db')
    writeFileSync(file, 'this is not a SQLite file, only some text that is long enough'.repeat(20))
    const error = await failure(openStore(`sqlite:${file}`))
    expect(error.code).toBe('store.unavailable')
  })

  test('error: migration fails', async () => {
    // A table of the same name but another shape makes 0001_init fail.
    const file = join(directory, 'clash.db')
    const database = new SqliteDatabase(file)
    database.exec('CREATE TABLE blocks (x INTEGER)')
    database.close()
    const error = await failure(openStore(`sqlite:${file}`))
    expect(error.code).toBe('store.migration_failed')
    expect(error.meta.migration).toBe('0001_init')
  })
})

describe('postgres', () => {
  test('default: postgresql:// with a schema', async () => {
    const schema = `cw_test_open_${process.pid}`
    const store = await openStore(testPostgresUrl.replace(/^postgres:/, 'postgresql:'), { schema })
    try {
      await store.ping()
      expect(store.dialect).toBe('postgres')
      expect(await store.stats()).toEqual([])
    } finally {
      await store.close()
      await dropSchema(schema)
    }
  })

  test('error: unreachable server, password stripped', async () => {
    const error = await failure(openStore('postgres://chainwatch:hunter2@127.0.0.1:1/chainwatch'))
    expect(error.code).toBe('store.unavailable')
    expect(error.message).not.toContain('hunter2')
    expect(error.meta.url).toBe('postgres://chainwatch:***@127.0.0.1:1/chainwatch')
  })

  test('error: invalid schema name', async () => {
    const error = await failure(openStore(testPostgresUrl, { schema: 'Robert"; DROP TABLE x' }))
    expect(error.code).toBe('config.invalid')
  })

  test('error: migration fails', async () => {
    const schema = `cw_test_clash_${process.pid}`
    await query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.blocks (x integer)`)
    try {
      const error = await failure(openStore(testPostgresUrl, { schema }))
      expect(error.code).toBe('store.migration_failed')
      expect(error.meta.migration).toBe('0001_init')
    } finally {
      await dropSchema(schema)
    }
  })
})

describe('errors: url', () => {
  test.each([
    { url: '', why: 'empty' },
    { url: 'sqlite:', why: 'no path' },
    { url: 'mysql://app:secret@db/chainwatch', why: 'unknown scheme' },
    { url: './data/chainwatch.db', why: 'bare path' },
    { url: 'postgres://app:secret@[::1/chainwatch', why: 'unparseable' },
  ])('error: $why', async ({ url }) => {
    const error = await failure(openStore(url))
    expect(error.code).toBe('store.url_invalid')
    expect(error.message).not.toContain('secret')
  })
})

/** Runs SQL on the test server outside any store (to set up a clash, or to clean up). */
async function query(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

async function dropSchema(schema: string): Promise<void> {
  await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
}
