/** @module Runtime configuration from the environment. */

export type { Config } from './loadConfig.js'
export { DEFAULT_DATABASE_URL, loadConfig } from './loadConfig.js'
