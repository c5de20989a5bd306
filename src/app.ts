import type { Config } from './config/index.js'
import { openStore, type Store } from './store/index.js'

/** The composed product: every live resource, built once and passed down (no singletons). */
export type App = {
  readonly config: Config
  readonly store: Store
  close(): Promise<void>
}

/** Builds the app's live parts from configuration (opens and migrates the store). */
export async function createApp(config: Config): Promise<App> {
  const store = await openStore(config.databaseUrl)
  return {
    config,
    store,
    close: () => store.close(),
  }
}
