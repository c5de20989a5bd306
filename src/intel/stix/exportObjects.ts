import { ChainwatchError } from '../../errors/index.js'
import { isRiskCategory } from '../../screening/index.js'
import type { Producer, WalletDesignation, WalletTransaction } from './designation.js'
import { scoId, stableId } from './ids.js'
import { walletPattern } from './pattern.js'
import {
  CHAINWATCH_EXTENSION_ID,
  isLazarus,
  LAZARUS_INTRUSION_SET_ID,
  type StixObject,
  TRANSACTION_EXTENSION_ID,
  WALLET_EXTENSION_ID,
} from './vocabulary.js'

/** STIX timestamps are UTC with `Z`; we write milliseconds. */
export function stixTimestamp(value: string, field: string): string {
  const time = Date.parse(value)
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(time))
    throw new ChainwatchError('input.invalid', `${field} is not an ISO 8601 timestamp.`, {
      meta: { field, input: value },
    })
  return new Date(time).toISOString()
}

export function identityObject(producer: Producer, created: string): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: producerId(producer),
    created,
    modified: created,
    name: producer.name,
    identity_class: producer.identityClass,
    ...(producer.roles?.length ? { roles: [...producer.roles] } : {}),
    ...(producer.sectors?.length ? { sectors: [...producer.sectors] } : {}),
  }
}

export function producerId(producer: Producer): string {
  return stableId('identity', producer.name)
}

export function walletId(address: string): string {
  return scoId('cryptocurrency-wallet', { value: address })
}

export function walletObject(
  chain: string,
  address: string,
  asset: string | null,
  markings: readonly string[],
): StixObject {
  return {
    type: 'cryptocurrency-wallet',
    spec_version: '2.1',
    id: walletId(address),
    value: address,
    object_marking_refs: [...markings],
    extensions: {
      [WALLET_EXTENSION_ID]: { extension_type: 'new-sco' },
      [CHAINWATCH_EXTENSION_ID]: {
        extension_type: 'property-extension',
        chain,
        ...(asset === null ? {} : { asset }),
      },
    },
  }
}

export function indicatorId(
  producer: Producer,
  designation: Pick<WalletDesignation, 'chain' | 'address'>,
): string {
  return stableId('indicator', producerId(producer), designation.chain, designation.address)
}

export function indicatorObject(
  producer: Producer,
  designation: WalletDesignation,
  created: string,
  markings: readonly string[],
): StixObject {
  const { chain, address, asset, category, entity, label, confidence } = designation
  if (!Number.isInteger(confidence) || confidence < 0 || confidence > 100)
    throw new ChainwatchError('input.invalid', 'Confidence must be an integer from 0 to 100.', {
      meta: { address, input: String(confidence) },
    })
  const validFrom = stixTimestamp(designation.validFrom, 'validFrom')
  const validUntil =
    designation.validUntil === null ? null : stixTimestamp(designation.validUntil, 'validUntil')
  if (validUntil !== null && validUntil <= validFrom)
    throw new ChainwatchError('input.invalid', 'validUntil must be later than validFrom.', {
      meta: { address, validFrom, validUntil },
    })
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(producer, designation),
    created_by_ref: producerId(producer),
    created,
    modified: created,
    name: label ?? `${category} wallet ${address}`,
    ...(entity === null ? {} : { description: `Wallet of ${entity} (${category}).` }),
    indicator_types: [
      isRiskCategory(category)
        ? entity !== null && isLazarus(entity)
          ? 'attribution'
          : 'malicious-activity'
        : 'benign',
    ],
    pattern: walletPattern(address),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: validFrom,
    ...(validUntil === null ? {} : { valid_until: validUntil }),
    confidence,
    labels: [category],
    object_marking_refs: [...markings],
    extensions: {
      [CHAINWATCH_EXTENSION_ID]: {
        extension_type: 'property-extension',
        chain,
        category,
        ...(asset === null ? {} : { asset }),
        ...(entity === null ? {} : { entity }),
        ...(label === null ? {} : { label }),
      },
    },
  }
}

/** The actor an entity names: the ATT&CK intrusion-set for Lazarus, else a producer-scoped threat-actor. */
export function actorFor(
  producer: Producer,
  designation: WalletDesignation,
  created: string,
  markings: readonly string[],
) {
  const entity = designation.entity
  if (entity === null || !isRiskCategory(designation.category)) return null
  if (isLazarus(entity)) return { id: LAZARUS_INTRUSION_SET_ID, object: null }
  const id = stableId('threat-actor', producerId(producer), entity.toLowerCase())
  const actorType =
    designation.category === 'sanctioned'
      ? 'unknown'
      : designation.category === 'hacker'
        ? 'hacker'
        : 'criminal'
  const object: StixObject = {
    type: 'threat-actor',
    spec_version: '2.1',
    id,
    created_by_ref: producerId(producer),
    created,
    modified: created,
    name: entity,
    threat_actor_types: [actorType],
    object_marking_refs: [...markings],
  }
  return { id, object }
}

export function relationshipObject(
  producer: Producer,
  type: string,
  sourceRef: string,
  targetRef: string,
  created: string,
  markings: readonly string[],
): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: stableId('relationship', producerId(producer), type, sourceRef, targetRef),
    created_by_ref: producerId(producer),
    created,
    modified: created,
    relationship_type: type,
    source_ref: sourceRef,
    target_ref: targetRef,
    object_marking_refs: [...markings],
  }
}

/** STIX 2.1 §2.9: a transaction's id comes from `value` (hash) and `symbol`. */
export function transactionObject(
  transaction: WalletTransaction,
  markings: readonly string[],
): StixObject {
  const legs = (legs: WalletTransaction['inputs']) =>
    legs.map((leg) => ({ address_ref: walletId(leg.address) }))
  const exact = (legs: WalletTransaction['inputs']) =>
    legs.map((leg) => ({ address: leg.address, amount: leg.amount.toString() }))
  return {
    type: 'cryptocurrency-transaction',
    spec_version: '2.1',
    id: scoId('cryptocurrency-transaction', {
      symbol: transaction.symbol,
      value: transaction.hash,
    }),
    symbol: transaction.symbol,
    value: transaction.hash,
    ...(transaction.executedAt === null
      ? {}
      : { execution_time: stixTimestamp(transaction.executedAt, 'executedAt') }),
    // Amounts go only in our extension, as exact base-unit strings: the dogesec `amount` is a float.
    input: legs(transaction.inputs),
    output: legs(transaction.outputs),
    object_marking_refs: [...markings],
    extensions: {
      [TRANSACTION_EXTENSION_ID]: { extension_type: 'new-sco' },
      [CHAINWATCH_EXTENSION_ID]: {
        extension_type: 'property-extension',
        chain: transaction.chain,
        inputs: exact(transaction.inputs),
        outputs: exact(transaction.outputs),
      },
    },
  }
}
