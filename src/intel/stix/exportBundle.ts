import { normalizeAddress } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { type Tlp, tlpMarkingDefinition, tlpMarkingIds } from '../tlp/tlp.js'
import type {
  Producer,
  WalletDesignation,
  WalletSighting,
  WalletTransaction,
} from './designation.js'
import {
  actorFor,
  identityObject,
  indicatorId,
  indicatorObject,
  producerId,
  relationshipObject,
  stixTimestamp,
  transactionObject,
  walletObject,
} from './exportObjects.js'
import { stableId } from './ids.js'
import { validateStixObject } from './validateStix.js'
import {
  chainwatchExtensionDefinition,
  chainwatchIdentity,
  LAZARUS_INTRUSION_SET_ID,
  lazarusIntrusionSet,
  type StixObject,
} from './vocabulary.js'

export type ExportParameters = {
  readonly producer: Producer
  /** `created`/`modified` of every SDO/SRO this export writes (pure: the caller gives the time). */
  readonly created: string
  /** Marking of every object unless a designation says otherwise. */
  readonly tlp: Tlp
  readonly designations: readonly WalletDesignation[]
  readonly transactions?: readonly WalletTransaction[]
  readonly sightings?: readonly WalletSighting[]
}

export type StixBundle = {
  readonly type: 'bundle'
  readonly id: string
  readonly objects: readonly StixObject[]
}

/**
 * A STIX 2.1 bundle sharing wallet designations: per designation a `cryptocurrency-wallet`
 * observable, an `indicator`, `based-on` (indicator → wallet) and `indicates` (indicator → actor)
 * relationships; plus transactions and sightings. Ids are deterministic, so exporting the same
 * input twice gives the same bundle. Every object is checked against the OASIS schemas.
 */
export function exportStixBundle(parameters: ExportParameters): StixBundle {
  const { producer, tlp } = parameters
  const created = stixTimestamp(parameters.created, 'created')
  const objects = new Map<string, StixObject>()
  const add = (object: StixObject | null) => {
    if (object !== null && !objects.has(object.id)) objects.set(object.id, object)
  }
  const usedTlps = new Set<Tlp>([tlp])
  add(chainwatchIdentity)
  add(chainwatchExtensionDefinition)
  add(identityObject(producer, created))
  for (const given of parameters.designations) {
    const designation = { ...given, address: normalizeAddress(given.chain, given.address) }
    const level = designation.tlp ?? tlp
    usedTlps.add(level)
    const markings = [tlpMarkingIds[level]]
    const wallet = walletObject(designation.chain, designation.address, designation.asset, markings)
    const indicator = indicatorObject(producer, designation, created, markings)
    add(wallet)
    add(indicator)
    add(relationshipObject(producer, 'based-on', indicator.id, wallet.id, created, markings))
    const actor = actorFor(producer, designation, created, markings)
    if (actor !== null) {
      add(actor.object)
      if (actor.id === LAZARUS_INTRUSION_SET_ID) add(lazarusIntrusionSet)
      add(relationshipObject(producer, 'indicates', indicator.id, actor.id, created, markings))
    }
  }
  const markings = [tlpMarkingIds[tlp]]
  for (const transaction of parameters.transactions ?? [])
    addTransaction(transaction, markings, add)
  for (const given of parameters.sightings ?? []) {
    const sighting = { ...given, address: normalizeAddress(given.chain, given.address) }
    const observed = (sighting.transactions ?? []).map((transaction) =>
      addTransaction(transaction, markings, add),
    )
    const firstSeen = stixTimestamp(sighting.firstSeen, 'firstSeen')
    const lastSeen = stixTimestamp(sighting.lastSeen, 'lastSeen')
    const wallet = walletObject(sighting.chain, sighting.address, null, markings)
    add(wallet)
    const observedData: StixObject | null =
      observed.length === 0
        ? null
        : {
            type: 'observed-data',
            spec_version: '2.1',
            id: stableId('observed-data', producerId(producer), wallet.id, ...observed),
            created_by_ref: producerId(producer),
            created,
            modified: created,
            first_observed: firstSeen,
            last_observed: lastSeen,
            number_observed: observed.length,
            object_refs: [wallet.id, ...observed],
            object_marking_refs: markings,
          }
    add(observedData)
    const sightingOf = sighting.indicatorId ?? indicatorId(producer, sighting)
    add({
      type: 'sighting',
      spec_version: '2.1',
      id: stableId('sighting', producerId(producer), sightingOf, firstSeen, lastSeen),
      created_by_ref: producerId(producer),
      created,
      modified: created,
      sighting_of_ref: sightingOf,
      first_seen: firstSeen,
      last_seen: lastSeen,
      count: sighting.count,
      where_sighted_refs: [producerId(producer)],
      ...(observedData === null ? {} : { observed_data_refs: [observedData.id] }),
      object_marking_refs: markings,
    })
  }
  const list = [...[...usedTlps].map(tlpMarkingDefinition), ...objects.values()]
  for (const object of list) {
    const result = validateStixObject(object, 'emitted')
    if (!result.valid)
      throw new ChainwatchError('internal', `Emitted STIX ${object.type} fails the OASIS schema.`, {
        meta: { id: object.id, issues: result.issues },
      })
  }
  return {
    type: 'bundle',
    id: stableId('bundle', ...list.map((object) => object.id), created),
    objects: list,
  }
}

function addTransaction(
  given: WalletTransaction,
  markings: readonly string[],
  add: (object: StixObject) => void,
): string {
  const legs = (list: WalletTransaction['inputs']) =>
    list.map((leg) => ({ ...leg, address: normalizeAddress(given.chain, leg.address) }))
  const transaction = { ...given, inputs: legs(given.inputs), outputs: legs(given.outputs) }
  for (const leg of [...transaction.inputs, ...transaction.outputs])
    add(walletObject(transaction.chain, leg.address, null, markings))
  const object = transactionObject(transaction, markings)
  add(object)
  return object.id
}
