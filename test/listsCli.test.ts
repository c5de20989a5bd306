import { afterAll, beforeAll, expect, test } from 'vitest'
import { cli, createTestDatabaseUrl, sharedData, type TestDatabaseUrl } from './harness.js'

let db: TestDatabaseUrl
beforeAll(() => {
  db = createTestDatabaseUrl('sqlite')
})
afterAll(() => db.dispose())

test('lists import: a TagPack with its actor pack, then screen shows the actor', async () => {
  const run = await cli(db.url, [
    'lists',
    'import',
    '--kind',
    'tagpack',
    '--actors',
    sharedData('graphsense-tagpacks/actors/graphsense.actorpack.yaml'),
    sharedData('graphsense-tagpacks/packs/lazarus.yaml'),
  ])
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(
    /^tagpack-lazarus v1: \d+ entries \(\d+ new, 0 ended, 0 unchanged\), 0 rejected, sha256 [0-9a-f]{16}…$/m,
  )
  const show = await cli(db.url, ['lists', 'show'])
  expect(show.stdout).toMatch(/^tagpack-lazarus v1 \[tagpack\]: \d+ active designations/m)
  const screen = await cli(db.url, [
    'screen',
    '--hops',
    '0',
    '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
  ])
  expect(screen.code).toBe(0)
  expect(screen.stdout).toContain('listed: ')
  expect(screen.stdout).toContain('on tagpack-lazarus')
})

test('lists import: an address list needs --category', async () => {
  const run = await cli(db.url, [
    'lists',
    'import',
    '--kind',
    'address-list',
    sharedData('lazarus/fbi_psa250226_bybit_51.txt'),
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('--category')
})

test('lists import: a missing --kind is a usage error', async () => {
  const run = await cli(db.url, [
    'lists',
    'import',
    sharedData('lazarus/fbi_psa250226_bybit_51.txt'),
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain("required option '--kind <kind>' not specified")
})

test('screen: a malformed address is reported, not fatal', async () => {
  const run = await cli(db.url, ['screen', 'hello', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'])
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('error: "hello" is not a valid address on any supported chain.')
  expect(run.stdout).toContain('risk: NONE')
})
