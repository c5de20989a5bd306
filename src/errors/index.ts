/** @module The one error family of Chainwatch, with stable codes. */
export { ChainwatchError, isChainwatchError } from './ChainwatchError.js'
export type { ChainwatchErrorOptions, ErrorMeta } from './ChainwatchError.js'
export { errorCatalog } from './codes.js'
export type { ErrorCode } from './codes.js'
export { fromZodError } from './fromZodError.js'
