import { readFileSync } from 'node:fs'
import { createInbox } from '@nats-io/transport-node'
import { Command } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import {
  createMonitor,
  defaultRulePackDir,
  loadRulePackOrThrow,
  type NatsIntakeOptions,
  natsEventHandler,
  openNatsIntake,
  watchRulePack,
} from '../../monitoring/index.js'
import { type CliContext, withStore } from '../withStore.js'

type NatsOptions = { nats: string; stream?: string; subjectPrefix?: string; durable?: string }

const natsOptions = (command: Command) =>
  command
    .option('--nats <url>', 'NATS server with JetStream', 'nats://127.0.0.1:4222')
    .option('--stream <name>', 'event stream (default CHAINWATCH_EVENTS)')
    .option('--subject-prefix <prefix>', 'subjects are <prefix>.<org> (default chainwatch.events)')
    .option('--durable <name>', 'durable consumer the workers share (default chainwatch-monitor)')

const intakeOptions = (o: NatsOptions): NatsIntakeOptions => ({
  servers: o.nats,
  ...(o.stream === undefined ? {} : { stream: o.stream }),
  ...(o.subjectPrefix === undefined ? {} : { subjectPrefix: o.subjectPrefix }),
  ...(o.durable === undefined ? {} : { durable: o.durable }),
})

/** `chainwatch monitor`: the production intake over NATS JetStream (docs/scaling.md). */
export function monitorCommand(context: CliContext): Command {
  const monitor = new Command('monitor').description(
    'Real-time monitoring of exchange deposits and withdrawals (docs/monitoring.md)',
  )
  natsOptions(
    monitor
      .command('worker')
      .description('Decide events from NATS JetStream until stopped (SIGINT/SIGTERM); run several')
      .option('--rules <dir>', 'rule pack directory (hot-reloaded)'),
  ).action(async (options: NatsOptions & { rules?: string }) => {
    await withStore(context, async (store) => {
      const dir = options.rules ?? defaultRulePackDir
      const watched = watchRulePack(dir, loadRulePackOrThrow(dir), {
        onReload: (result) => {
          if (result.status === 'rejected') {
            context.printError(`rule pack edit rejected: ${JSON.stringify(result.errors)}`)
          }
        },
      })
      const intake = await openNatsIntake(intakeOptions(options))
      const stop = new AbortController()
      const onSignal = () => stop.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      context.printError(`monitor worker: consuming from NATS at ${options.nats}`)
      try {
        const handled = await intake.consume(
          natsEventHandler(createMonitor({ store, rules: watched.current })),
          { signal: stop.signal },
        )
        context.printError(`monitor worker: stopped after ${handled} events`)
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        watched.close()
        await intake.close()
      }
    })
  })
  natsOptions(
    monitor
      .command('publish')
      .description('Publish events (a JSON array or JSON lines) and print each decision')
      .argument('<file>', 'events file')
      .option('--timeout-ms <ms>', 'how long to wait for all decisions', '30000'),
  ).action(async (file: string, options: NatsOptions & { timeoutMs: string }) => {
    const events = readEvents(file)
    if (events.length === 0) return
    const intake = await openNatsIntake(intakeOptions(options))
    const inbox = createInbox()
    // Replies are counted, not matched: a redelivered event may be answered twice.
    let remaining = events.length
    const answered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ChainwatchError(
              'queue.unavailable',
              `${remaining} decision(s) did not arrive in time.`,
            ),
          ),
        Number(options.timeoutMs),
      )
      intake.connection.subscribe(inbox, {
        callback: (_error, message) => {
          context.print(message.string())
          remaining--
          if (remaining <= 0) {
            clearTimeout(timer)
            resolve()
          }
        },
      })
    })
    try {
      for (const event of events) {
        const org = typeof event.org === 'string' ? event.org : ''
        const id = [event.org, event.chain, event.txHash, event.index].join(':')
        await intake.publish(org, event, { replyTo: inbox, messageId: id })
      }
      await answered
    } finally {
      await intake.close()
    }
  })
  return monitor
}

/** Events from a JSON array or JSON lines; each must be an object (validated by the worker). */
function readEvents(file: string): Record<string, unknown>[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ChainwatchError('import.file_unreadable', `Cannot read ${file}.`, { cause: error })
  }
  const trimmed = text.trim()
  let items: unknown[]
  try {
    items = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown)
  } catch (error) {
    throw new ChainwatchError('input.invalid', `${file} is not a JSON array or JSON lines.`, {
      cause: error,
    })
  }
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new ChainwatchError('input.invalid', `${file}: event ${i + 1} is not a JSON object.`)
    }
    return item as Record<string, unknown>
  })
}
