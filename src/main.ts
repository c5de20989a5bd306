/** @module `npm start`: load config, open the embedded store, serve the HTTP API. */
import { createApp } from './app.js'
import { loadConfig } from './config/index.js'
import { demoScenario, seedDemoScenario } from './demo/index.js'
import { isChainwatchError } from './errors/index.js'
import { serve } from './serve.js'

const logger = {
  info: (message: string) => console.log(message),
  error: (message: string, error?: unknown) => console.error(message, error ?? ''),
}

try {
  const app = await createApp(loadConfig())
  // The embedded default starts with something to look at; CHAINWATCH_DEMO=off skips it.
  if (process.env.CHAINWATCH_DEMO !== 'off' && (await app.store.stats()).length === 0) {
    const { scenario, seed } = demoScenario
    logger.info(`Empty store: generating the ${scenario} demo scenario (seed ${seed})…`)
    const demo = await seedDemoScenario(app.store)
    logger.info(
      `Seeded ${demo.transfers.toLocaleString('en-US')} transfers (${demo.launderingTransfers.toLocaleString('en-US')} laundering) and ${demo.designations.toLocaleString('en-US')} designations (list "demo") in ${demo.seconds.toFixed(1)} s; CHAINWATCH_DEMO=off skips this. See docs/scenarios.md.`,
    )
  }
  await serve(app, logger)
} catch (error) {
  console.error(isChainwatchError(error) ? error.message : error)
  process.exitCode = 1
}
