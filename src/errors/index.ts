/** @module The one error family of Chainwatch, with stable codes. */

export type { ChainwatchErrorOptions, ErrorMeta } from './ChainwatchError.js'
export { ChainwatchError, isChainwatchError } from './ChainwatchError.js'
export type { ErrorCode } from './codes.js'
export { errorCatalog } from './codes.js'
export type { FromZodErrorOptions } from './fromZodError.js'
export { fromZodError } from './fromZodError.js'
