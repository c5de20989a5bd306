/**
 * A worker process for test/natsIntake.test.ts: consumes the test's stream with a handler that
 * records each event's first decision in PostgreSQL (`insert … on conflict do nothing`), as the
 * monitoring store will, and every delivery it saw.
 * Usage: node --import tsx test/natsIntakeWorker.ts NAME STREAM PREFIX DURABLE TABLE NATS PG
 */
import pg from 'pg'
import { openNatsIntake } from '../src/monitoring/nats/natsEventIntake.js'

const [name, stream, subjectPrefix, durable, table, nats, postgres] = process.argv.slice(2)
if (
  name === undefined ||
  stream === undefined ||
  subjectPrefix === undefined ||
  durable === undefined ||
  table === undefined ||
  nats === undefined ||
  postgres === undefined
) {
  throw new Error('usage: natsIntakeWorker NAME STREAM PREFIX DURABLE TABLE NATS_URL POSTGRES_URL')
}
const db = new pg.Pool({ connectionString: postgres, max: 2 })
const intake = await openNatsIntake({
  servers: nats,
  stream,
  subjectPrefix,
  durable,
  ackWaitMs: 1_500,
})
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
await intake.consume(
  async (payload, delivery) => {
    const { id } = payload as { id: string }
    await db.query(`insert into ${table}_deliveries (id, worker, delivery) values ($1, $2, $3)`, [
      id,
      name,
      delivery.deliveryCount,
    ])
    const inserted = await db.query(
      `insert into ${table} (id, worker) values ($1, $2) on conflict (id) do nothing`,
      [id, name],
    )
    // A little work per event, so a kill lands mid-stream.
    await new Promise((done) => setTimeout(done, 3))
    return { id, decidedNow: inserted.rowCount === 1 }
  },
  { signal: controller.signal, batch: 16 },
)
await intake.close()
await db.end()
