/** @module `npm start`: load config, open the embedded store, serve the HTTP API. */
import { createApp } from './app.js'
import { loadConfig } from './config/index.js'
import { isChainwatchError } from './errors/index.js'
import { serve } from './serve.js'

const logger = {
  info: (message: string) => console.log(message),
  error: (message: string, error?: unknown) => console.error(message, error ?? ''),
}

try {
  const app = await createApp(loadConfig())
  await serve(app, logger)
} catch (error) {
  console.error(isChainwatchError(error) ? error.message : error)
  process.exitCode = 1
}
