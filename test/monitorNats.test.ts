import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { jetstreamManager } from '@nats-io/jetstream'
import { createInbox, type NatsConnection } from '@nats-io/transport-node'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type NatsIntakeOptions, openNatsIntake } from '../src/monitoring/index.js'
import { openStore } from '../src/store/index.js'
import {
  createTestDatabaseUrl,
  repoRoot,
  type TestDatabaseUrl,
  testNatsUrl,
  testPostgresUrl,
} from './harness.js'

const run = randomBytes(4).toString('hex')
/** A stream, subject prefix and durable consumer of this run and test, so tests never meet. */
const queue = (name: string) => ({
  servers: testNatsUrl,
  stream: `CW_MON_${run}_${name}`,
  subjectPrefix: `cwmon.${run}.${name}`,
  durable: `mon-${run}-${name}`,
})
const queues = [queue('kill'), queue('bad')] as const
const EVENTS = 300
let db: TestDatabaseUrl
let schema: string

beforeAll(async () => {
  db = createTestDatabaseUrl('postgres')
  schema = new URL(db.url).searchParams.get('schema') ?? ''
  await (await openStore(db.url)).close() // migrates before the workers start
})
afterAll(async () => {
  const intake = await openNatsIntake(queues[0])
  const jsm = await jetstreamManager(intake.connection)
  for (const q of queues) await jsm.streams.delete(q.stream).catch(() => false)
  await intake.close()
  await db.dispose()
})

function worker(q: NatsIntakeOptions): { child: ChildProcess; exited: Promise<unknown> } {
  const args = ['--nats', q.servers, '--stream', q.stream ?? '', '--subject-prefix']
  args.push(q.subjectPrefix ?? '', '--durable', q.durable ?? '')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', '--database', db.url, 'monitor', 'worker', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'ignore'] },
  )
  const exited = new Promise((done) => child.once('exit', (_code, signal) => done(signal)))
  return { child, exited }
}

function collect<T>(connection: NatsConnection): { inbox: string; items: T[]; stop(): void } {
  const inbox = createInbox()
  const items: T[] = []
  const subscription = connection.subscribe(inbox, {
    callback: (_error, message) => {
      items.push(message.json<T>())
    },
  })
  return { inbox, items, stop: () => subscription.unsubscribe() }
}

const until = async (done: () => boolean | Promise<boolean>, tries = 3000) => {
  for (let i = 0; i < tries && !(await done()); i++) await new Promise((r) => setTimeout(r, 10))
}

const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0')
const event = (i: number) => ({
  org: 'exchange-kr',
  account: `acct-${i % 37}`,
  direction: 'deposit',
  chain: 'ethereum',
  txHash: `0x${hex(i + 1, 32)}`,
  index: 0,
  counterparty: `0x${hex(0x1000 + i, 20)}`,
  ownAddress: `0x${hex(0x9000 + (i % 37), 20)}`,
  asset: 'native',
  amount: `${(i + 1) * 10 ** 15}`,
  time: 1_740_200_000 + i * 60,
})

test('two `monitor worker` processes share the stream; one killed with SIGKILL mid-stream: every event decided exactly once', async () => {
  const q = queues[0]
  const client = new pg.Client({ connectionString: testPostgresUrl })
  await client.connect()
  const decided = async () =>
    Number((await client.query(`select count(*) as n from "${schema}".monitor_events`)).rows[0]?.n)
  const intake = await openNatsIntake({ ...q, ackWaitMs: 2_000 })
  const replies = collect<{ txHash: string; duplicate: boolean; decision: string }>(
    intake.connection,
  )
  const a = worker(q)
  const b = worker(q)
  try {
    for (let i = 0; i < EVENTS; i++) {
      const e = event(i)
      const messageId = `${e.org}:${e.chain}:${e.txHash}:${e.index}`
      await intake.publish(e.org, e, { replyTo: replies.inbox, messageId })
    }
    await until(async () => (await decided()) >= 30)
    a.child.kill('SIGKILL')
    expect(await a.exited).toBe('SIGKILL')
    const atKill = await decided()
    // Killed mid-stream: some events decided, not all.
    expect(atKill).toBeGreaterThan(0)
    expect(atKill).toBeLessThan(EVENTS)
    await until(async () => (await decided()) === EVENTS, 6000)
    await until(() => new Set(replies.items.map((r) => r.txHash)).size === EVENTS)
  } finally {
    b.child.kill('SIGTERM')
    await b.exited
    replies.stop()
    await intake.close()
  }
  // Exactly once: every event is stored once with one decision; every one was answered; no event
  // was answered as newly decided twice (a redelivery answers with the stored decision).
  const rows = await client.query(`select tx_hash from "${schema}".monitor_events`)
  await client.end()
  const ids = rows.rows.map((r) => r.tx_hash as string)
  expect(ids).toHaveLength(EVENTS)
  expect(new Set(ids)).toEqual(new Set(Array.from({ length: EVENTS }, (_, i) => event(i).txHash)))
  expect(new Set(replies.items.map((r) => r.txHash)).size).toBe(EVENTS)
  const fresh = replies.items.filter((r) => !r.duplicate).map((r) => r.txHash)
  expect(new Set(fresh).size).toBe(fresh.length)
  expect(replies.items.every((r) => ['allow', 'review', 'hold'].includes(r.decision))).toBe(true)
}, 180_000)

test('a bad event on the stream is answered with its error and terminated, not redelivered', async () => {
  const q = queues[1]
  const intake = await openNatsIntake(q)
  const answers = collect<unknown>(intake.connection)
  const w = worker(q)
  try {
    const bad = { ...event(0), amount: '-5' }
    await intake.publish('exchange-kr', bad, { replyTo: answers.inbox })
    // Published for exchange-jp but claiming to be exchange-kr's.
    await intake.publish('exchange-jp', event(1), { replyTo: answers.inbox })
    await until(() => answers.items.length === 2)
    const jsm = await jetstreamManager(intake.connection)
    const outstanding = async () => {
      const info = await jsm.consumers.info(q.stream, q.durable)
      return info.num_pending + info.num_ack_pending
    }
    // The answer goes out just before the message is terminated.
    await until(async () => (await outstanding()) === 0, 300)
    expect(await outstanding()).toBe(0)
  } finally {
    w.child.kill('SIGTERM')
    await w.exited
    answers.stop()
    await intake.close()
  }
  expect(answers.items).toEqual([
    { error: { code: 'input.invalid', message: expect.stringContaining('event.amount') } },
    {
      error: {
        code: 'input.invalid',
        message: expect.stringContaining('does not match its subject'),
      },
    },
  ])
}, 60_000)
