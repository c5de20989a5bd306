import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CounterpartyFlow, Store } from '../store/index.js'
import { openStore } from '../store/index.js'
import { cachedEvidenceStore } from './evidenceCache.js'
import type { EvidenceStore } from './gatherEvidence.js'
import { designation } from './testEvidence.js'

const entry = (address: string, category: 'sanctioned' | 'mixer') => {
  const {
    list: _l,
    kind: _k,
    source: _s,
    since: _since,
    until: _u,
    ...listEntry
  } = designation(address, category)
  return listEntry
}

describe('cachedEvidenceStore', () => {
  let dir: string
  let store: Store
  let clock: number
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cw-evidence-cache-'))
    store = await openStore(`sqlite:${join(dir, 'chainwatch.db')}`)
    clock = 1_000
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const load = (entries: ReturnType<typeof entry>[]) =>
    store.replaceList({
      list: 'l',
      kind: 'address-list',
      source: 'test',
      publishedAt: null,
      sha256: '',
      loadedAt: new Date(clock).toISOString(),
      entries,
    })

  it('answers designations as the store does, and sees a new list version after the TTL', async () => {
    await load([entry('bc1qa', 'sanctioned'), entry('bc1qb', 'mixer')])
    const cached = cachedEvidenceStore(store, { ttlMs: 2_000, now: () => clock })
    const addresses = ['bc1qa', 'bc1qb', 'bc1qc', 'bc1qa']
    const sorted = (ds: readonly { address: string; category: string }[]) =>
      ds.map((d) => `${d.address}:${d.category}`).sort()
    expect(sorted(await cached.designations({ addresses }))).toEqual(
      sorted(await store.designations({ addresses })),
    )
    await load([entry('bc1qc', 'sanctioned')])
    clock += 1_000
    // Within the staleness bound the previous answer may still be given ...
    expect(sorted(await cached.designations({ addresses: ['bc1qc'] }))).toEqual([])
    clock += 1_500
    // ... after it, the new version is in force.
    expect(sorted(await cached.designations({ addresses }))).toEqual(
      sorted(await store.designations({ addresses })),
    )
    expect(sorted(await cached.designations({ addresses }))).toEqual(['bc1qc:sanctioned'])
  })

  it('composes per-address flows and counts into the multi-address answer, reading misses once', async () => {
    const flow = (address: string, counterparty: string): CounterpartyFlow => ({
      chain: 'bitcoin',
      address,
      counterparty,
      direction: 'in',
      asset: 'native',
      amount: 5n,
      transfers: 1,
    })
    const reads: string[][] = []
    const fake: EvidenceStore = {
      accountEvents: async () => [],
      utxoTransactions: async () => [],
      designations: async () => [],
      counterparties: async ({ addresses }) => {
        reads.push([...addresses])
        return {
          flows: addresses.flatMap((a) => [flow(a, `${a}-payer`)]),
          counts: new Map(addresses.map((a) => [a, { in: 1, out: 0 }])),
        }
      },
    }
    const cached = cachedEvidenceStore(fake, { ttlMs: 2_000, now: () => clock })
    await cached.counterparties({ chain: 'bitcoin', addresses: ['x'], limit: 100 })
    const both = await cached.counterparties({
      chain: 'bitcoin',
      addresses: ['x', 'y'],
      limit: 100,
    })
    expect(both.flows.map((f) => f.counterparty)).toEqual(['x-payer', 'y-payer'])
    expect([...both.counts.keys()]).toEqual(['x', 'y'])
    expect(reads).toEqual([['x'], ['y']])
    clock += 2_001
    await cached.counterparties({ chain: 'bitcoin', addresses: ['x', 'y'], limit: 100 })
    expect(reads).toEqual([['x'], ['y'], ['x', 'y']])
  })
})
