/** @module The HTTP API (Hono) and its one error-to-status mapping. */

export type { ChainwatchServer, ServerDeps } from './createServer.js'
export { createServer } from './createServer.js'
export { httpStatus } from './httpStatus.js'
