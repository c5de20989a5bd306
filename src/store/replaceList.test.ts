import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { isChainwatchError } from '../errors/index.js'
import type { ListEntry } from '../screening/index.js'
import type { SqlStore } from './SqlStore.js'
import type { Designation, ListVersionInput } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

function entry(fields: Partial<ListEntry> = {}): ListEntry {
  return {
    chain: 'ethereum',
    address: r.address(1),
    asset: 'ETH',
    category: 'sanctioned',
    entity: 'LAZARUS GROUP',
    entityId: '27307',
    programmes: ['DPRK3'],
    confidence: 100,
    label: null,
    ...fields,
  }
}

function version(fields: Partial<ListVersionInput> = {}): ListVersionInput {
  return {
    list: 'ofac-sdn',
    kind: 'ofac-sdn-csv',
    source: '/data/sdn-v1.csv',
    publishedAt: '2024-05-01',
    sha256: 'a'.repeat(64),
    loadedAt: '2024-05-02T10:00:00.000Z',
    entries: [],
    ...fields,
  }
}

/** The designation `replaceList` must store for an entry of a version, derived from both. */
function designationOf(
  item: ListEntry,
  input: ListVersionInput,
  dates: { since: string; until?: string | null },
): Designation {
  return {
    ...item,
    list: input.list,
    kind: input.kind,
    source: input.source,
    since: dates.since,
    until: dates.until ?? null,
  }
}

const byAddress = (a: Designation, b: Designation) =>
  a.address < b.address ? -1 : a.address > b.address ? 1 : a.since < b.since ? -1 : 1

const [a, b, c, d] = [1, 2, 3, 4].map((seed) => entry({ address: r.address(seed) }))
if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error()
const v1 = version({ entries: [a, b, c] })
// v2 drops b, adds d, and renames a's label.
const aRelabelled = { ...a, label: 'Ronin exploiter' }
const v2 = version({
  source: '/data/sdn-v2.csv',
  publishedAt: '2025-03-21',
  sha256: 'b'.repeat(64),
  loadedAt: '2025-03-22T08:00:00.000Z',
  entries: [aRelabelled, c, d],
})

describe.each(dialects)('%s: lists', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  afterAll(async () => {
    await database.dispose(store)
  })
  beforeEach(async () => {
    await database.clear(store)
  })

  test('default', async () => {
    expect(await store.lists()).toEqual([])
    expect(await store.replaceList(v1)).toEqual({ version: 1, added: 3, ended: 0, unchanged: 0 })
    expect(await store.lists()).toEqual([
      {
        list: v1.list,
        kind: v1.kind,
        version: 1,
        source: v1.source,
        publishedAt: v1.publishedAt,
        sha256: v1.sha256,
        loadedAt: v1.loadedAt,
        entries: 3,
      },
    ])
    const since = v1.publishedAt ?? ''
    expect(await store.designations({ addresses: [a.address, r.address(99)] })).toEqual([
      designationOf(a, v1, { since }),
    ])
    expect(await store.activeDesignations()).toEqual(
      [a, b, c].map((item) => designationOf(item, v1, { since })),
    )
  })

  test('behavior: delisting ends a designation and keeps it as history', async () => {
    await store.replaceList(v1)
    expect(await store.replaceList(v2)).toEqual({ version: 2, added: 1, ended: 1, unchanged: 2 })
    const [first, second] = [v1.publishedAt ?? '', v2.publishedAt ?? '']
    const active = [
      designationOf(aRelabelled, v2, { since: first }),
      designationOf(c, v2, { since: first }),
      designationOf(d, v2, { since: second }),
    ]
    expect(await store.activeDesignations()).toEqual(active)
    const addresses = [a, b, c, d].map((item) => item.address)
    expect(await store.designations({ addresses })).toEqual(active)
    const ended = designationOf(b, v1, { since: first, until: second })
    expect(await store.designations({ addresses, includeEnded: true })).toEqual(
      [...active, ended].sort(byAddress),
    )
    expect(await store.designations({ addresses: [b.address] })).toEqual([])
    expect(
      (await store.lists()).map(({ version, source, entries }) => [version, source, entries]),
    ).toEqual([[2, v2.source, 3]])

    // Listed again later: a new episode beside the ended one.
    const v3 = version({ publishedAt: null, loadedAt: '2025-06-01T00:00:00.000Z', entries: [b] })
    expect(await store.replaceList(v3)).toEqual({ version: 3, added: 1, ended: 3, unchanged: 0 })
    expect(await store.designations({ addresses: [b.address], includeEnded: true })).toEqual([
      ended,
      designationOf(b, v3, { since: v3.loadedAt }),
    ])
  })

  test('behavior: lists are independent', async () => {
    await store.replaceList(v1)
    const fbi = version({
      list: 'fbi-psa250226',
      kind: 'address-list',
      source: '/data/fbi.txt',
      publishedAt: null,
      entries: [
        entry({ address: a.address, category: 'stolen-funds', entity: null, entityId: null }),
      ],
    })
    expect(await store.replaceList(fbi)).toEqual({ version: 1, added: 1, ended: 0, unchanged: 0 })
    // A new version of one list leaves the other alone.
    expect(await store.replaceList(v2)).toEqual({ version: 2, added: 1, ended: 1, unchanged: 2 })
    const found = await store.designations({ addresses: [a.address] })
    expect(found.map((x) => [x.list, x.category, x.entityId, x.since])).toEqual([
      ['fbi-psa250226', 'stolen-funds', null, fbi.loadedAt],
      ['ofac-sdn', 'sanctioned', '27307', v1.publishedAt],
    ])
    expect((await store.lists()).map((x) => [x.list, x.version])).toEqual([
      ['fbi-psa250226', 1],
      ['ofac-sdn', 2],
    ])
  })

  test('behavior: duplicate entries are merged', async () => {
    const twice = [
      entry({ programmes: ['DPRK3'], confidence: 90, label: null }),
      entry({ programmes: ['CYBER2', 'DPRK3'], confidence: 100, label: 'second' }),
      // Another entity designating the same address is a designation of its own.
      entry({ entityId: '99999', entity: 'OTHER', programmes: [] }),
    ]
    expect(await store.replaceList(version({ entries: twice }))).toEqual({
      version: 1,
      added: 2,
      ended: 0,
      unchanged: 0,
    })
    const found = await store.designations({ addresses: [r.address(1)] })
    expect(found.map((x) => [x.entityId, x.programmes, x.confidence, x.label])).toEqual([
      ['27307', ['DPRK3', 'CYBER2'], 100, 'second'],
      ['99999', [], 100, null],
    ])
    expect((await store.lists())[0]?.entries).toBe(2)
  })

  test('behavior: atomic', async () => {
    await store.replaceList(v1)
    const before = await store.designations({
      addresses: [a, b, c, d].map((x) => x.address),
      includeEnded: true,
    })
    // A NOT NULL column set to null (impossible through the types) fails inside the transaction.
    const broken = { ...d, chain: null } as unknown as ListEntry
    const failure = await store
      .replaceList({ ...v2, entries: [...v2.entries, broken] })
      .catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'internal')).toBe(true)
    expect((await store.lists()).map((x) => [x.version, x.source])).toEqual([[1, v1.source]])
    expect(
      await store.designations({
        addresses: [a, b, c, d].map((x) => x.address),
        includeEnded: true,
      }),
    ).toEqual(before)
    // The failed version left no trace: the next one is version 2.
    expect(await store.replaceList(v2)).toEqual({ version: 2, added: 1, ended: 1, unchanged: 2 })
  })

  test('behavior: concurrent versions of one list', async () => {
    const results = await Promise.all([store.replaceList(v1), store.replaceList(v2)])
    expect(results.map((x) => x.version).sort()).toEqual([1, 2])
    expect((await store.lists()).map((x) => x.version)).toEqual([2])
  })

  test('error: confidence outside 0–100', async () => {
    const failure = await store
      .replaceList(version({ entries: [entry({ confidence: 101 })] }))
      .catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'input.invalid')).toBe(true)
    expect(await store.lists()).toEqual([])
  })

  test('behavior: 30,000 entries', async () => {
    const size = 30_000
    const evm = (i: number) =>
      entry({
        address: r.address(0x100000 + i),
        entityId: String(i % 700),
        programmes: [`P${i % 7}`, 'CYBER2'],
      })
    const first = Array.from({ length: size }, (_, i) => evm(i))
    // The next version drops the first 1,000 and adds 1,000 new ones.
    const next = Array.from({ length: size }, (_, i) => evm(i + 1_000))
    expect(await store.replaceList(version({ entries: first }))).toEqual({
      version: 1,
      added: size,
      ended: 0,
      unchanged: 0,
    })
    expect(await store.replaceList(version({ publishedAt: '2025-01-01', entries: next }))).toEqual({
      version: 2,
      added: 1_000,
      ended: 1_000,
      unchanged: size - 1_000,
    })
    const active = await store.activeDesignations()
    expect(active.map((x) => x.address)).toEqual(next.map((x) => x.address).sort())
    // Looked up in chunks: every address of both versions, the dropped ones only with history.
    const addresses = [...first, ...next].map((x) => x.address)
    expect(await store.designations({ addresses })).toEqual(active)
    const all = await store.designations({ addresses, includeEnded: true })
    expect(all.filter((x) => x.until !== null).map((x) => x.address)).toEqual(
      first.slice(0, 1_000).map((x) => x.address),
    )
    expect(all).toHaveLength(size + 1_000)
  })
})
