/** @module The HTTP API (Hono) and its one error-to-status mapping. */
export { createServer } from './createServer.js'
export type { ChainwatchServer, ServerDeps } from './createServer.js'
export { httpStatus } from './httpStatus.js'
