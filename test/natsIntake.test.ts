import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createInbox } from '@nats-io/transport-node'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openNatsIntake } from '../src/monitoring/nats/natsEventIntake.js'
import { repoRoot, testNatsUrl, testPostgresUrl } from './harness.js'

// A stream, subjects, consumer and tables of this run's own, so runs never meet.
const run = randomBytes(4).toString('hex')
const stream = `CW_TEST_${run}`
const prefix = `cwtest.${run}.events`
const durable = `monitor-${run}`
const table = `nats_intake_${run}`
const EVENTS = 400
const db = new pg.Pool({ connectionString: testPostgresUrl, max: 2 })

beforeAll(async () => {
  await db.query(`create table ${table} (id text primary key, worker text not null)`)
  await db.query(
    `create table ${table}_deliveries (id text not null, worker text not null, delivery int not null)`,
  )
})
afterAll(async () => {
  await db.query(`drop table if exists ${table}`)
  await db.query(`drop table if exists ${table}_deliveries`)
  await db.end()
  const intake = await openNatsIntake({
    servers: testNatsUrl,
    stream,
    subjectPrefix: prefix,
    durable,
  })
  const { jetstreamManager } = await import('@nats-io/jetstream')
  await (await jetstreamManager(intake.connection)).streams.delete(stream)
  await intake.close()
})

const startWorker = (
  name: string,
): { child: ChildProcess; exited: Promise<NodeJS.Signals | null> } => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/natsIntakeWorker.ts',
      name,
      stream,
      prefix,
      durable,
      table,
      testNatsUrl,
      testPostgresUrl,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_c, signal) => done(signal)),
  )
  return { child, exited }
}
const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0]?.n ?? 0)
const waitFor = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 3000; i++) {
    if (await check()) return
    await new Promise((done) => setTimeout(done, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

test('two workers share the stream; one killed with SIGKILL mid-stream: every event decided exactly once', async () => {
  const intake = await openNatsIntake({
    servers: testNatsUrl,
    stream,
    subjectPrefix: prefix,
    durable,
    ackWaitMs: 1_500,
  })
  const a = startWorker('a')
  const b = startWorker('b')
  // Replies for every event come back on one inbox.
  const inbox = createInbox()
  const replies = new Map<string, number>()
  const decidedNow = new Map<string, number>()
  const subscription = intake.connection.subscribe(inbox, {
    callback: (_error, msg) => {
      const reply = msg.json<{ id: string; decidedNow: boolean }>()
      replies.set(reply.id, (replies.get(reply.id) ?? 0) + 1)
      if (reply.decidedNow) decidedNow.set(reply.id, (decidedNow.get(reply.id) ?? 0) + 1)
    },
  })
  for (let i = 0; i < EVENTS; i++) {
    await intake.publish(
      i % 2 === 0 ? 'exchange-a' : 'exchange-b',
      { id: `e${i}` },
      { replyTo: inbox, messageId: `e${i}` },
    )
  }
  // A redelivered publish (same message id) is dropped by JetStream's duplicate window.
  expect((await intake.publish('exchange-a', { id: 'e0' }, { messageId: 'e0' })).duplicate).toBe(
    true,
  )

  await waitFor(
    async () => (await count(`select count(*) as n from ${table} where worker = 'a'`)) >= 40,
    'worker a to decide 40 events',
  )
  a.child.kill('SIGKILL')
  expect(await a.exited).toBe('SIGKILL')
  await waitFor(
    async () => (await count(`select count(*) as n from ${table}`)) === EVENTS,
    'every event to be decided',
  )
  // Worker b picks up what a held unacknowledged (after the ack wait), and nothing is decided twice.
  await waitFor(async () => replies.size === EVENTS, 'a reply for every event')
  b.child.kill('SIGTERM')
  await b.exited
  subscription.unsubscribe()
  await intake.close()

  expect(await count(`select count(distinct id) as n from ${table}`)).toBe(EVENTS)
  const byWorker = await db.query(
    `select worker, count(*)::int as n from ${table} group by worker order by worker`,
  )
  expect(byWorker.rows.map((r) => r.worker)).toEqual(['a', 'b'])
  // Every event was answered, and no event was answered as decided twice. (One decided by a just
  // before it died may have lost that answer: its redelivery answers with the stored decision.)
  expect(replies.size).toBe(EVENTS)
  expect([...decidedNow.values()].every((n) => n === 1)).toBe(true)
  expect(decidedNow.size).toBeGreaterThan(EVENTS - 16)
  // What a held unacknowledged when it died came back: delivered again, not decided again.
  expect(await count(`select count(distinct id) as n from ${table}_deliveries`)).toBe(EVENTS)
  expect(
    await count(`select count(*) as n from ${table}_deliveries where delivery > 1`),
  ).toBeGreaterThan(0)
}, 120_000)
