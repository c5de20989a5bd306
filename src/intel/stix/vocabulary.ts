import { stableId } from './ids.js'

/** A STIX object as plain JSON data. */
export type StixObject = {
  readonly type: string
  readonly id: string
  readonly [property: string]: unknown
}

/** dogesec stix2extensions `cryptocurrency-wallet` / `-transaction` new-SCO definitions (standards.md §1.3). */
export const WALLET_EXTENSION_ID = 'extension-definition--be78509e-6958-51b1-8b26-d17ee0eba2d7'
export const TRANSACTION_EXTENSION_ID = 'extension-definition--151d042d-4dcf-5e44-843f-1024440318e5'
/** Other producers' definitions of the same SCO types, read on import (OpenCTI, older Signals Corps). */
export const knownCryptoExtensionIds: ReadonlySet<string> = new Set([
  WALLET_EXTENSION_ID,
  TRANSACTION_EXTENSION_ID,
  'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82',
  'extension-definition--532ae28d-137b-4b89-afb7-9cf9b504191b',
])
/** OpenCTI's attributes on every entity (score, labels… in older versions). */
export const OPENCTI_EXTENSION_ID = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba'
export const OPENCTI_SCO_EXTENSION_ID = 'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82'

/** The Chainwatch project, creator of the Chainwatch extension-definition. */
export const CHAINWATCH_IDENTITY_ID = stableId('identity', 'Chainwatch')
/**
 * Chainwatch's property extension, carried on wallets (`chain`, `asset`), indicators (`chain`,
 * `asset`, `category`, `entity`, `label`) and transactions (`chain`, exact base-unit amounts),
 * which no published crypto SCO definition can hold.
 */
export const CHAINWATCH_EXTENSION_ID = stableId(
  'extension-definition',
  'chainwatch-wallet-designation',
)
const definedAt = '2026-11-01T00:00:00.000Z'

export const chainwatchIdentity: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: CHAINWATCH_IDENTITY_ID,
  created: definedAt,
  modified: definedAt,
  name: 'Chainwatch',
  identity_class: 'system',
}

export const chainwatchExtensionDefinition: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: CHAINWATCH_EXTENSION_ID,
  created_by_ref: CHAINWATCH_IDENTITY_ID,
  created: definedAt,
  modified: definedAt,
  name: 'Chainwatch wallet designation',
  description:
    'Chain, asset, category, entity and label of a designated wallet; exact base-unit amounts of a transaction.',
  schema:
    'https://github.com/chainwatch/chainwatch/blob/main/docs/intel.md#the-chainwatch-extension',
  version: '1.0',
  extension_types: ['property-extension'],
}

/** MITRE ATT&CK G0032 (standards.md §1.6): referenced by its ATT&CK id, never re-minted. */
export const LAZARUS_INTRUSION_SET_ID = 'intrusion-set--c93fccb1-e8e8-42cf-ae33-2ad1d183913a'
const mitreAttackBase = 'https://attack.mitre.org/groups/'

/**
 * A reference copy of the ATT&CK intrusion-set, so relationships resolve in consumers without
 * ATT&CK loaded. Its old `modified` lets any real ATT&CK copy (newer) take precedence.
 */
export const lazarusIntrusionSet: StixObject = {
  type: 'intrusion-set',
  spec_version: '2.1',
  id: LAZARUS_INTRUSION_SET_ID,
  created: '2017-05-31T21:31:45.629Z',
  modified: '2017-05-31T21:31:45.629Z',
  name: 'Lazarus Group',
  aliases: [
    'Lazarus Group',
    'Labyrinth Chollima',
    'HIDDEN COBRA',
    'Guardians of Peace',
    'ZINC',
    'NICKEL ACADEMY',
  ],
  external_references: [
    { source_name: 'mitre-attack', external_id: 'G0032', url: `${mitreAttackBase}G0032` },
  ],
}

/** Entity names that designate the Lazarus / DPRK crypto-theft cluster. */
export function isLazarus(entity: string): boolean {
  return /lazarus|hidden cobra|tradertraitor|labyrinth chollima|apt ?38|bluenoroff/i.test(entity)
}
