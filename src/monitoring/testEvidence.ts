import type { Designation } from '../store/index.js'
import { type EvidenceContext, emptyEvidence } from './evidence.js'
import type { MonitorEvent } from './model.js'

/** Test builders for monitoring (not shipped: `test*.ts` is excluded from the build). */
export const day = 86_400
export const T0 = 1_740_000_000

export function event(overrides: Partial<MonitorEvent> = {}): MonitorEvent {
  return {
    org: 'exchange-a',
    account: 'alice',
    direction: 'deposit',
    chain: 'bitcoin',
    txHash: 'aa'.repeat(32),
    index: 0,
    counterparty: 'bc1qcounterparty',
    ownAddress: 'bc1qdeposit',
    asset: 'native',
    amount: 100_000n,
    time: T0,
    ...overrides,
  }
}

export function evidence(overrides: Partial<EvidenceContext> = {}): EvidenceContext {
  return { ...emptyEvidence, ...overrides }
}

export function designation(address: string, category: Designation['category']): Designation {
  return {
    chain: 'bitcoin',
    address,
    asset: null,
    category,
    entity: `${category} entity`,
    entityId: null,
    programmes: [],
    confidence: 100,
    label: null,
    list: 'test-list',
    kind: 'address-list',
    source: 'test',
    since: '2025-01-01',
    until: null,
  }
}
