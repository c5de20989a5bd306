import type { Config } from '../config/index.js'
import { openStore, type Store } from '../store/index.js'

/** What every command gets: output streams, global options and configuration. */
export type CliContext = {
  readonly json: boolean
  readonly stderr: NodeJS.WriteStream
  print(text: string): void
  printError(text: string): void
  config(): Config
  databaseUrl(): string
}

/** Opens the configured store for one command and always closes it. */
export async function withStore(
  context: CliContext,
  run: (store: Store) => Promise<void>,
): Promise<void> {
  const store = await openStore(context.databaseUrl())
  try {
    await run(store)
  } finally {
    await store.close()
  }
}
