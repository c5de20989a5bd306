import { Command } from 'commander'
import type { CliContext } from '../withStore.js'
import { ingestBtcCommand } from './ingestBtcCommand.js'
import { ingestEvmCommand } from './ingestEvmCommand.js'

/** `chainwatch ingest <source>`: chain data from a node; one subcommand (and file) per source. */
export function ingestCommand(context: CliContext): Command {
  const ingest = new Command('ingest').description('Ingest chain data from a node')
  ingest.addCommand(ingestEvmCommand(context))
  ingest.addCommand(ingestBtcCommand(context))
  return ingest
}
