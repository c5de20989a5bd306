/** @module `npm start`: load config, open the embedded store, serve the HTTP API. */
import { createApp } from './app.js'
import { loadConfig } from './config/index.js'
import { isChainwatchError } from './errors/index.js'
import { serve } from './serve.js'
import { demoBatch, demoDesignations } from './sim/index.js'

const logger = {
  info: (message: string) => console.log(message),
  error: (message: string, error?: unknown) => console.error(message, error ?? ''),
}

try {
  const app = await createApp(loadConfig())
  // The embedded default starts with something to look at; CHAINWATCH_DEMO=off skips it.
  if (process.env.CHAINWATCH_DEMO !== 'off' && (await app.store.stats()).length === 0) {
    await app.store.writeBatch(demoBatch())
    await app.store.replaceList({
      list: 'demo',
      kind: 'address-list',
      source: 'chainwatch demo data (synthetic)',
      publishedAt: null,
      sha256: '',
      loadedAt: new Date().toISOString(),
      entries: demoDesignations(),
    })
    logger.info(
      'Empty store: seeded demo data (a synthetic heist flow; CHAINWATCH_DEMO=off to skip).',
    )
  }
  await serve(app, logger)
} catch (error) {
  console.error(isChainwatchError(error) ? error.message : error)
  process.exitCode = 1
}
