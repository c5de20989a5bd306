import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  cli,
  createTestDatabaseUrl,
  sharedData,
  type TestDatabaseUrl,
  testDialects,
} from './harness.js'

const files: Record<string, string> = {
  '/ofac/sdn.csv': sharedData('ofac-official/sdn.csv'),
  '/ofac/sdn_comments.csv': sharedData('ofac-official/watchman/sdn_comments_2025-02.csv'),
  '/ofac/add.csv': sharedData('ofac-official/add.csv'),
  '/ofac/alt.csv': sharedData('ofac-official/alt.csv'),
}

/** A local HTTP server serving the real OFAC files, and two broken ways to serve sdn.csv. */
let server: Server
let base: string
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? ''
    const file = files[url.replace('/broken', '').replace('/missing', '')]
    if (url.startsWith('/missing/')) {
      res.writeHead(404).end('not found')
    } else if (url === '/broken/ofac/sdn.csv' && file) {
      // Promise the whole file, send half, then drop the connection.
      const bytes = readFileSync(file)
      res.writeHead(200, { 'content-length': String(bytes.length) })
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy())
    } else if (file) {
      res.writeHead(200, { 'content-length': String(statSync(file).size) })
      createReadStream(file).pipe(res)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

describe.each(testDialects)('%s: lists update --from URL', (dialect) => {
  let db: TestDatabaseUrl
  beforeAll(() => {
    db = createTestDatabaseUrl(dialect)
  })
  afterAll(() => db.dispose())

  test('default: downloads sdn.csv and its companions, then a broken download changes nothing', async () => {
    const first = await cli(db.url, [
      '--json',
      'lists',
      'update',
      '--kind',
      'ofac-sdn-csv',
      '--from',
      `${base}/ofac/sdn.csv`,
    ])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const loaded = JSON.parse(first.stdout) as {
      version: number
      entries: number
      missing: string[]
    }
    expect(loaded).toMatchObject({ version: 1, missing: [] })
    expect(loaded.entries).toBeGreaterThan(500)
    const shown = await cli(db.url, ['--json', 'lists', 'show'])
    const before = JSON.parse(shown.stdout)

    const broken = await cli(db.url, [
      'lists',
      'update',
      '--kind',
      'ofac-sdn-csv',
      '--from',
      `${base}/broken/ofac/sdn.csv`,
    ])
    expect(broken.code).toBe(3)
    expect(broken.stderr).toMatch(
      /Download of http:\/\/127\.0\.0\.1:\d+\/broken\/ofac\/sdn\.csv (broke off|is incomplete)/,
    )
    expect(JSON.parse((await cli(db.url, ['--json', 'lists', 'show'])).stdout)).toEqual(before)

    const missing = await cli(db.url, [
      'lists',
      'update',
      '--kind',
      'ofac-sdn-csv',
      '--from',
      `${base}/missing/ofac/sdn.csv`,
    ])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('HTTP 404')
    expect(JSON.parse((await cli(db.url, ['--json', 'lists', 'show'])).stdout)).toEqual(before)

    const screened = await cli(db.url, [
      '--json',
      'screen',
      '--hops',
      '0',
      '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    ])
    expect(JSON.parse(screened.stdout).results[0].risk.level).toBe('severe')
  })
})
