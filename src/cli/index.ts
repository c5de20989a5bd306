/** @module The `chainwatch` CLI, runnable in-process for tests. */
export { exitCodes } from './exitCodes.js'
export type { CliIo } from './runCli.js'
export { runCli } from './runCli.js'
