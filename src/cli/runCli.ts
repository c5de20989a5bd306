import { Command, CommanderError } from 'commander'
import { loadConfig } from '../config/index.js'
import { ChainwatchError, isChainwatchError } from '../errors/index.js'
import { version } from '../version.js'
import { importCommand } from './commands/importCommand.js'
import { ingestCommand } from './commands/ingestCommand.js'
import { listsCommand } from './commands/listsCommand.js'
import { monitorCommand } from './commands/monitorCommand.js'
import { screenCommand } from './commands/screenCommand.js'
import { serveCommand } from './commands/serveCommand.js'
import { simCommand } from './commands/simCommand.js'
import { statsCommand } from './commands/statsCommand.js'
import { traceBackCommand } from './commands/traceBackCommand.js'
import { traceCommand } from './commands/traceCommand.js'
import { exitCodes } from './exitCodes.js'
import type { CliContext } from './withStore.js'

export type CliIo = {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WriteStream
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * Runs the `chainwatch` CLI and returns its exit code; errors become a message on stderr
 * (JSON with `--json`) and an exit code from `exitCodes`.
 *
 * @example
 * await runCli(['stats', '--json'], { stdout: process.stdout, stderr: process.stderr, env: process.env })
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('chainwatch')
    .description('Chainwatch: detect, trace and stop stolen and sanctioned crypto funds.')
    .version(version)
    .option('--json', 'machine-readable JSON output', false)
    .option(
      '--database <url>',
      'store URL (default: $CHAINWATCH_DATABASE_URL or sqlite:./data/chainwatch.db)',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
  const globals = () => program.opts<{ json: boolean; database?: string }>()
  const context: CliContext = {
    get json() {
      return globals().json
    },
    stderr: io.stderr,
    print: (text) => io.stdout.write(`${text}\n`),
    printError: (text) => io.stderr.write(`${text}\n`),
    config: () => loadConfig(io.env),
    databaseUrl: () => globals().database ?? loadConfig(io.env).databaseUrl,
  }
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
  }
  // Errors and help are returned, never `process.exit`ed, at every depth (`lists import`, …).
  const contain = (command: Command): Command => {
    command.exitOverride().configureOutput(output)
    for (const sub of command.commands) contain(sub)
    return command
  }
  for (const command of [
    importCommand(context),
    ingestCommand(context),
    statsCommand(context),
    listsCommand(context),
    screenCommand(context),
    traceCommand(context),
    traceBackCommand(context),
    serveCommand(context),
    monitorCommand(context),
    simCommand(context),
  ]) {
    program.addCommand(contain(command))
  }

  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exitCode 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : exitCodes['input.invalid']
    }
    const known = isChainwatchError(error)
      ? error
      : new ChainwatchError('internal', 'Unexpected internal error.', { cause: error })
    if (globals().json) io.stderr.write(`${JSON.stringify({ error: known.toJSON() })}\n`)
    else io.stderr.write(`Error: ${known.message}\n`)
    if (!isChainwatchError(error) && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`)
    }
    return exitCodes[known.code]
  }
}
