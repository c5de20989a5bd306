import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openStore } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, type TestDatabaseUrl } from './harness.js'

const THIEF = '0x098b716b8aaf21512996dc57eb0615e2383e2f96'
let db: TestDatabaseUrl
let directory: string
beforeAll(async () => {
  db = createTestDatabaseUrl('sqlite')
  directory = mkdtempSync(join(tmpdir(), 'cw-retro-'))
  const store = await openStore(db.url)
  await store.recordMonitorDecision({
    event: {
      org: 'exchange-a',
      account: 'alice',
      direction: 'deposit',
      chain: 'ethereum',
      txHash: `0x${'12'.repeat(32)}`,
      index: 0,
      counterparty: THIEF,
      ownAddress: `0x${'22'.repeat(20)}`,
      asset: 'native',
      amount: 10n ** 18n,
      time: Math.floor(Date.now() / 1000) - 30 * 86_400,
    },
    verdict: { decision: 'allow', score: 0, hits: [] },
    alert: null,
    decidedAt: new Date().toISOString(),
  })
  await store.close()
})
afterAll(async () => {
  await db.dispose()
  rmSync(directory, { recursive: true, force: true })
})

test('lists import re-screens past events against the addresses the version adds', async () => {
  const file = join(directory, 'indicators.txt')
  writeFileSync(file, `${THIEF}\n`)
  const args = ['lists', 'import', '--kind', 'address-list', '--category', 'stolen-funds', file]
  const first = await cli(db.url, args)
  expect(first.code).toBe(0)
  expect(first.stdout).toMatch(
    /^retro-hunt: 1 new risk designations, 1 past events since .*, 1 new alerts \(0 already raised\), [\d.]+ ms$/m,
  )
  // The same version again adds no designation, so nothing is re-screened.
  const again = await cli(db.url, ['--json', ...args])
  expect(JSON.parse(again.stdout).retroHunt).toMatchObject({ designations: 0, alerts: 0 })
  const store = await openStore(db.url)
  const { alerts } = await store.alerts({})
  await store.close()
  expect(alerts.map((a) => [a.origin, a.decision])).toEqual([
    [`retro-hunt:indicators:${THIEF}`, 'hold'],
  ])
})
