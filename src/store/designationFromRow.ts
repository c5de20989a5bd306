import type { Selectable } from 'kysely'
import { type AddressChain, addressChains } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { listTypeGuards } from './listTypeGuards.js'
import type { Designation } from './Store.js'
import type { DesignationsTable, ListVersionsTable } from './schema.js'

/** A designations row joined with the kind and source of the last version that held it. */
export type DesignationRow = Selectable<DesignationsTable> &
  Pick<Selectable<ListVersionsTable>, 'kind' | 'source'>

/** Turns a stored row back into a `Designation`, checking the values SQL cannot constrain. */
export function designationFromRow(row: DesignationRow): Designation {
  return {
    list: row.list,
    kind: checked(row.kind, listTypeGuards.isListKind, 'kind', row),
    source: row.source,
    chain: checked(row.chain, isAddressChain, 'chain', row),
    address: row.address,
    asset: row.asset,
    category: checked(row.category, listTypeGuards.isCategory, 'category', row),
    entity: row.entity,
    entityId: row.entity_id === '' ? null : row.entity_id,
    programmes: programmesOf(row),
    confidence: Number(row.confidence),
    label: row.label,
    since: row.since,
    until: row.until,
  }
}

function checked<T extends string>(
  value: string,
  guard: (value: string) => value is T,
  column: string,
  row: DesignationRow,
): T {
  if (!guard(value)) throw corrupt(row, `${column} "${value}" is not known`)
  return value
}

function isAddressChain(value: string): value is AddressChain {
  return addressChains.some((chain) => chain === value)
}

function programmesOf(row: DesignationRow): readonly string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(row.programmes)
  } catch (error) {
    throw corrupt(row, 'programmes is not JSON', error)
  }
  if (!Array.isArray(parsed)) throw corrupt(row, 'programmes is not a JSON array')
  const programmes: string[] = []
  for (const programme of parsed) {
    if (typeof programme !== 'string') throw corrupt(row, 'programmes holds a non-string')
    programmes.push(programme)
  }
  return programmes
}

function corrupt(row: DesignationRow, problem: string, cause?: unknown): ChainwatchError {
  return new ChainwatchError('internal', `A stored designation is corrupt: ${problem}.`, {
    meta: { list: row.list, chain: row.chain, address: row.address },
    cause,
  })
}
