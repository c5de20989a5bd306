/** @module OFAC sanctions-list parsers: sdn.csv (+ sdn_comments/add/alt), classic sdn.xml, SDN_ADVANCED.XML. */

export type { ParseOfacResult } from './ParseOfacResult.js'
export type { ParseOfacSdnAdvancedXmlOptions } from './parseOfacSdnAdvancedXml.js'
export { parseOfacSdnAdvancedXml } from './parseOfacSdnAdvancedXml.js'
export type { ParseOfacSdnCsvParameters } from './parseOfacSdnCsv.js'
export { parseOfacSdnCsv } from './parseOfacSdnCsv.js'
export type { ParseOfacSdnXmlOptions } from './parseOfacSdnXml.js'
export { parseOfacSdnXml } from './parseOfacSdnXml.js'
export type {
  ResolveOfacAddressParameters,
  ResolveOfacAddressResult,
} from './resolveOfacAddress.js'
export { ofacTickerChains, resolveOfacAddress } from './resolveOfacAddress.js'
