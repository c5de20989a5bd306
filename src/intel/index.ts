/**
 * @module Threat-intelligence sharing: STIX 2.1 bundles of wallet designations (export and
 * import, OASIS-schema validated) and TLP 2.0 markings and sharing rules. Pure functions over
 * plain data; TAXII, organisations and storage build on this. See docs/intel.md.
 */

export type {
  Producer,
  TransferLeg,
  WalletDesignation,
  WalletSighting,
  WalletTransaction,
} from './stix/designation.js'
export type { ExportParameters, StixBundle } from './stix/exportBundle.js'
export { exportStixBundle } from './stix/exportBundle.js'
export { indicatorId, walletId } from './stix/exportObjects.js'
export { canonicalJson, STIX_SCO_NAMESPACE, scoId, stableId, uuidv5 } from './stix/ids.js'
export type {
  ImportedIndicator,
  ImportOptions,
  ObjectRejection,
  StixImport,
} from './stix/importBundle.js'
export { importStixBundle } from './stix/importBundle.js'
export type { ParsedPattern, PatternComparison } from './stix/pattern.js'
export { parsePattern, stringLiteral, walletPattern } from './stix/pattern.js'
export type { BundleLimits, RawBundle } from './stix/readBundle.js'
export { defaultBundleLimits, readBundle } from './stix/readBundle.js'
export type { StixSchemaResult } from './stix/validateStix.js'
export { validateStixObject } from './stix/validateStix.js'
export type { StixObject } from './stix/vocabulary.js'
export {
  CHAINWATCH_EXTENSION_ID,
  LAZARUS_INTRUSION_SET_ID,
  TRANSACTION_EXTENSION_ID,
  WALLET_EXTENSION_ID,
} from './stix/vocabulary.js'
export type { Party, ShareQuestion } from './tlp/canShare.js'
export { canShare } from './tlp/canShare.js'
export type { Marked, Tlp, TlpMarkingDefinition } from './tlp/tlp.js'
export {
  effectiveTlp,
  mostRestrictive,
  reshareMarkingRefs,
  TLP2_EXTENSION_ID,
  tlp1MarkingIds,
  tlpLevels,
  tlpMarkingDefinition,
  tlpMarkingIds,
  tlpOfMarkingRef,
  tlpRank,
} from './tlp/tlp.js'
