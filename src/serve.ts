import { serve as serveNode } from '@hono/node-server'
import type { App } from './app.js'
import { createServer } from './server/index.js'
import { version } from './version.js'

export type Logger = {
  info(message: string): void
  error(message: string, error?: unknown): void
}

/** Serves the HTTP API of `app` until SIGINT/SIGTERM, then closes the store cleanly. */
export async function serve(app: App, logger: Logger): Promise<void> {
  const server = createServer({
    store: app.store,
    version,
    log: (message, error) => logger.error(message, error),
  })
  const { port, host } = app.config
  const listener = serveNode({ fetch: server.fetch, port, hostname: host })
  await new Promise<void>((resolve, reject) => {
    listener.once('listening', resolve)
    listener.once('error', reject)
  })
  const address = listener.address()
  const boundPort = typeof address === 'object' && address !== null ? address.port : port
  logger.info(
    `Chainwatch ${version} listening on http://${host}:${boundPort} (store: ${app.store.dialect})`,
  )
  await new Promise<void>((resolve) => {
    const stop = () => {
      logger.info('shutting down')
      listener.close(() => resolve())
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await app.close()
}
