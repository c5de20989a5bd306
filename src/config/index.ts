/** @module Runtime configuration from the environment. */
export { DEFAULT_DATABASE_URL, loadConfig } from './loadConfig.js'
export type { Config } from './loadConfig.js'
