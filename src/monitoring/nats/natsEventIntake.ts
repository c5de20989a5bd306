import {
  AckPolicy,
  DeliverPolicy,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
} from '@nats-io/jetstream'
import { connect, headers, type NatsConnection, nanos } from '@nats-io/transport-node'
import { ChainwatchError, isChainwatchError } from '../../errors/index.js'

export type NatsIntakeOptions = {
  /** NATS server(s), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string
  /** Stream holding the events (default `CHAINWATCH_EVENTS`). */
  readonly stream?: string
  /** Subjects are `<prefix>.<org>` (default prefix `chainwatch.events`). */
  readonly subjectPrefix?: string
  /** Durable pull consumer every worker shares (default `chainwatch-monitor`). */
  readonly durable?: string
  /** How long a delivered event may stay unacknowledged before another worker gets it. */
  readonly ackWaitMs?: number
}

/** What a handler is told about the message it decides. */
export type DeliveryInfo = {
  readonly org: string
  readonly subject: string
  /** 1 on first delivery; more after a worker died or failed before acknowledging. */
  readonly deliveryCount: number
}

/**
 * Decides one event. It must be idempotent (a redelivered event returns its stored answer): the
 * intake acknowledges only after the handler has returned, so an event whose worker dies is
 * delivered again and must not be decided twice.
 */
export type EventHandler = (payload: unknown, delivery: DeliveryInfo) => Promise<unknown>

export type NatsIntake = {
  /** Publishes an event for `org`; `replyTo` receives the handler's answer (JSON). */
  publish(
    org: string,
    payload: unknown,
    options?: { readonly replyTo?: string; readonly messageId?: string },
  ): Promise<{ readonly seq: number; readonly duplicate: boolean }>
  /** Consumes until `signal` aborts; resolves with the number of events handled. */
  consume(
    handle: EventHandler,
    options: { readonly signal: AbortSignal; readonly batch?: number },
  ): Promise<number>
  readonly connection: NatsConnection
  close(): Promise<void>
}

/** The header naming the subject a worker publishes its answer to. */
export const REPLY_HEADER = 'Chainwatch-Reply-To'
const ORG = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Connects to NATS and makes sure the event stream and its durable consumer exist (work-queue
 * retention: an acknowledged event is gone; explicit acks; redelivery after `ackWaitMs`).
 *
 * @throws ChainwatchError `queue.unavailable` when NATS cannot be reached.
 */
export async function openNatsIntake(options: NatsIntakeOptions): Promise<NatsIntake> {
  const stream = options.stream ?? 'CHAINWATCH_EVENTS'
  const prefix = options.subjectPrefix ?? 'chainwatch.events'
  const durable = options.durable ?? 'chainwatch-monitor'
  let nc: NatsConnection
  try {
    nc = await connect({ servers: options.servers, name: 'chainwatch' })
  } catch (error) {
    throw new ChainwatchError(
      'store.unavailable',
      `Cannot connect to NATS at ${options.servers}.`,
      {
        meta: { servers: options.servers },
        cause: error,
      },
    )
  }
  const jsm = await jetstreamManager(nc)
  // Created when missing; an existing stream or consumer is used as it is configured (an
  // operator may have tuned replicas, limits or ack wait).
  if ((await jsm.streams.info(stream).catch(() => null)) === null) {
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      retention: RetentionPolicy.Workqueue,
    })
  }
  if ((await jsm.consumers.info(stream, durable).catch(() => null)) === null) {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
      max_ack_pending: 10_000,
    })
  }
  const js = jetstream(nc)

  return {
    connection: nc,
    async publish(org, payload, publishOptions = {}) {
      if (!ORG.test(org)) {
        throw new ChainwatchError(
          'input.invalid',
          `Organisation "${org}" is not a valid subject token.`,
          {
            meta: { org },
          },
        )
      }
      const h = headers()
      if (publishOptions.replyTo !== undefined) h.set(REPLY_HEADER, publishOptions.replyTo)
      const ack = await js.publish(`${prefix}.${org}`, JSON.stringify(payload), {
        headers: h,
        ...(publishOptions.messageId === undefined ? {} : { msgID: publishOptions.messageId }),
      })
      return { seq: ack.seq, duplicate: ack.duplicate }
    },
    async consume(handle, { signal, batch = 256 }) {
      const consumer = await js.consumers.get(stream, durable)
      const messages = await consumer.consume({ max_messages: batch })
      const stop = () => void messages.close()
      signal.addEventListener('abort', stop, { once: true })
      let handled = 0
      try {
        for await (const m of messages) {
          await deliver(nc, m, prefix, handle)
          handled++
          if (signal.aborted) break
        }
      } finally {
        signal.removeEventListener('abort', stop)
        await messages.close()
      }
      return handled
    },
    async close() {
      await nc.drain()
    },
  }
}

/**
 * Hands one message to the handler; answers on the reply subject, then acknowledges. Bad input
 * is answered with its error and terminated (redelivering it would fail again); any other error
 * is negatively acknowledged so the event comes back after a pause. `term()` carries no reason:
 * servers before 2.10.4 (Debian 12 ships 2.9) ignore a `+TERM reason` acknowledgement.
 */
async function deliver(
  nc: NatsConnection,
  m: JsMsg,
  prefix: string,
  handle: EventHandler,
): Promise<void> {
  const replyTo = m.headers?.get(REPLY_HEADER) || undefined
  const reply = (body: unknown) => {
    if (replyTo !== undefined) nc.publish(replyTo, JSON.stringify(body))
  }
  let payload: unknown
  try {
    payload = m.json()
  } catch {
    reply({ error: { code: 'input.invalid', message: 'The event is not JSON.' } })
    m.term()
    return
  }
  const delivery = {
    org: m.subject.slice(prefix.length + 1),
    subject: m.subject,
    deliveryCount: m.info.deliveryCount,
  }
  try {
    const answer = await handle(payload, delivery)
    reply(answer)
    await m.ackAck()
  } catch (error) {
    if (
      isChainwatchError(error) &&
      (error.code.startsWith('input.') ||
        error.code === 'address.invalid' ||
        error.code === 'chain.unknown')
    ) {
      reply({ error: { code: error.code, message: error.shortMessage } })
      m.term()
      return
    }
    m.nak(1_000)
  }
}
