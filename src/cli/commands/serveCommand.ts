import { Command } from 'commander'
import { createApp } from '../../app.js'
import { serve } from '../../serve.js'
import type { CliContext } from '../withStore.js'

/** `chainwatch serve`: the HTTP API, as `npm start` runs it. */
export function serveCommand(context: CliContext): Command {
  return new Command('serve')
    .description('Start the HTTP API (PORT, HOST and CHAINWATCH_DATABASE_URL configure it)')
    .action(async () => {
      const app = await createApp({ ...context.config(), databaseUrl: context.databaseUrl() })
      await serve(app, {
        info: (message) => context.printError(message),
        error: (message, error) => context.printError(`${message} ${String(error ?? '')}`),
      })
    })
}
