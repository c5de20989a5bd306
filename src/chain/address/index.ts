/** @module Address codecs: parse, validate and normalise Bitcoin, EVM and Tron addresses. */

export type { AddressChain } from './AddressChain.js'
export { addressChains } from './AddressChain.js'
export { detectAddressChain } from './detectAddressChain.js'
export type { EncodeBitcoinAddressParameters } from './encodeBitcoinAddress.js'
export { encodeBitcoinAddress } from './encodeBitcoinAddress.js'
export { isValidAddress } from './isValidAddress.js'
export { normalizeAddress } from './normalizeAddress.js'
export type {
  AddressType,
  BitcoinAddress,
  BitcoinLegacyAddress,
  BitcoinNetwork,
  BitcoinSegwitAddress,
  EvmAddress,
  ParsedAddress,
  ParsedAddressOf,
  TronAddress,
} from './ParsedAddress.js'
export type { ParseAddressParameters, ParseAddressResult } from './parseAddress.js'
export { parseAddress } from './parseAddress.js'
export { toChecksumAddress } from './toChecksumAddress.js'
