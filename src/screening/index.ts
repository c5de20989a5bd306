/** @module Sanctions lists and labels with provenance, and screening of addresses. */

export type { DesignationIndex } from './designationIndex.js'
export { createDesignationIndex } from './designationIndex.js'
export type { CappedHub, Exposure } from './findExposure.js'
export type { Category, ListEntry, ListKind, ListRejection, ParsedList } from './ListEntry.js'
export { categories, listKinds } from './ListEntry.js'
export {
  parseActorPack,
  parseAddressList,
  parseOpenSanctions,
  parseTagPack,
} from './lists/index.js'
export {
  ofacTickerChains,
  parseOfacSdnAdvancedXml,
  parseOfacSdnCsv,
  parseOfacSdnXml,
} from './lists/ofac/index.js'
export type { LoadListParameters, LoadListResult } from './loadList.js'
export { loadList } from './loadList.js'
export { parseList } from './parseList.js'
export type { RiskLevel } from './riskLevel.js'
export { isRiskCategory, riskLevel, riskLevels } from './riskLevel.js'
export type { ScreeningResult, ScreenParameters } from './screenAddresses.js'
export { MAX_BATCH, MAX_HOPS, screenAddresses } from './screenAddresses.js'
export type { ScreeningResultJson } from './toJsonResults.js'
export { toJsonResults } from './toJsonResults.js'
