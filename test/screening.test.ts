import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NATIVE_ASSET, type TransferRecord, transferPosition } from '../src/chain/index.js'
import { isChainwatchError } from '../src/errors/index.js'
import { loadList, screenAddresses } from '../src/screening/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { createTestDatabaseUrl, sharedData, type TestDatabaseUrl, testDialects } from './harness.js'

const RONIN = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96'
const fbiFile = sharedData('lazarus/fbi_psa250226_bybit_51.txt')
const fbi = readFileSync(fbiFile, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => /^0x[0-9a-fA-F]{40}$/.test(l))

function transfer(from: string, to: string, amount: bigint, n: number): TransferRecord {
  return {
    chain: 'ethereum',
    txHash: `0x${n.toString(16).padStart(64, '0')}`,
    kind: 'native',
    position: transferPosition.native(),
    asset: NATIVE_ASSET,
    from,
    to,
    amount,
    blockHeight: 21_000_000 + n,
    txIndex: 0,
  }
}
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`

describe.each(testDialects)('%s: screening', (dialect) => {
  let db: TestDatabaseUrl
  let store: Store
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    store = await openStore(db.url)
    await loadList(
      { store },
      {
        kind: 'ofac-sdn-csv',
        from: sharedData('ofac-official/sdn.csv'),
        companions: { comments: sharedData('ofac-official/watchman/sdn_comments_2025-02.csv') },
        publishedAt: '2024-05-03',
      },
    )
    await loadList(
      { store },
      {
        kind: 'address-list',
        from: fbiFile,
        name: 'fbi-psa250226',
        category: 'stolen-funds',
        confidence: 90,
        label: 'FBI PSA 250226: Bybit theft (TraderTraitor)',
      },
    )
  })
  afterAll(async () => {
    await store.close()
    await db.dispose()
  })

  test('default: the Ronin exploiter screens as sanctioned (LAZARUS GROUP, DPRK3)', async () => {
    const [result] = await screenAddresses({ store }, { addresses: [RONIN], hops: 0 })
    if (result === undefined || 'error' in result) throw new Error('expected a result')
    expect(result.risk).toEqual({ level: 'severe', rule: 'direct: sanctioned' })
    expect(result.direct).toEqual([
      expect.objectContaining({
        list: 'ofac-sdn',
        category: 'sanctioned',
        entity: 'LAZARUS GROUP',
        entityId: '27307',
        programmes: expect.arrayContaining(['DPRK3']),
        address: RONIN.toLowerCase(),
      }),
    ])
  })

  test('default: none of the 51 FBI addresses is on OFAC; each screens as stolen funds from the FBI list', async () => {
    expect(fbi).toHaveLength(51)
    const results = await screenAddresses({ store }, { addresses: fbi, hops: 0 })
    for (const result of results) {
      if ('error' in result) throw new Error(result.error.message)
      expect(result.direct.map((d) => [d.list, d.category])).toEqual([
        ['fbi-psa250226', 'stolen-funds'],
      ])
      expect(result.direct[0]?.source).toBe(fbiFile)
      expect(result.risk.level).toBe('severe')
    }
  })

  test('behavior: two hops downstream of a sanctioned address, with path and amount', async () => {
    const ronin = RONIN.toLowerCase()
    const [a, s] = [addr(0xa1), addr(0x51)]
    await store.writeBatch({
      blocks: [],
      transactions: [],
      outputs: [],
      inputs: [],
      transfers: [transfer(ronin, a, 300n * 10n ** 18n, 1), transfer(a, s, 120n * 10n ** 18n, 2)],
    })
    const [result] = await screenAddresses({ store }, { addresses: [s], hops: 2 })
    if (result === undefined || 'error' in result) throw new Error('expected a result')
    expect(result.risk).toEqual({ level: 'medium', rule: '2 hops from sanctioned' })
    expect(result.exposures).toEqual([
      {
        direction: 'incoming',
        hops: 2,
        address: ronin,
        category: 'sanctioned',
        list: 'ofac-sdn',
        entity: 'LAZARUS GROUP',
        asset: 'native',
        amount: 120n * 10n ** 18n,
        path: [s, a, ronin],
      },
    ])
    const [direct] = await screenAddresses({ store }, { addresses: [a], hops: 2 })
    expect(direct !== undefined && 'risk' in direct && direct.risk).toEqual({
      level: 'high',
      rule: '1 hop from sanctioned',
    })
  })

  test('behavior: hubs are capped and reported', async () => {
    const hub = addr(0xbb)
    const spokes = Array.from({ length: 30 }, (_, i) =>
      transfer(addr(0x1000 + i), hub, BigInt(i + 1), 100 + i),
    )
    await store.writeBatch({
      blocks: [],
      transactions: [],
      outputs: [],
      inputs: [],
      transfers: spokes,
    })
    const [result] = await screenAddresses({ store }, { addresses: [hub], hops: 1, hubLimit: 10 })
    if (result === undefined || 'error' in result) throw new Error('expected a result')
    expect(result.capped).toEqual([
      { address: hub, direction: 'incoming', counterparties: 30, followed: 10 },
    ])
  })

  test('error: a malformed address gets its own error; the others are screened', async () => {
    const results = await screenAddresses(
      { store },
      { addresses: ['0xnot-an-address', RONIN], hops: 0 },
    )
    expect(results[0]).toMatchObject({
      input: '0xnot-an-address',
      error: { code: 'address.invalid' },
    })
    expect(results[1]).toMatchObject({ risk: { level: 'severe' } })
  })

  test('behavior: delisting ends designations and keeps them as history (Tornado Cash, 2025)', async () => {
    const before = sharedData('ofac-ultrasoundmoney/data_2024-08-20_before_TC_delisting.csv')
    const after = sharedData('ofac-ultrasoundmoney/data.csv')
    const column = (file: string, header: string) => {
      const [head = '', ...rows] = readFileSync(file, 'utf8').trim().split('\n')
      const index = head.split(',').indexOf(header)
      return new Set(rows.map((r) => (r.split(',')[index] ?? '').toLowerCase()))
    }
    const dropped = [...column(before, 'address')].filter((a) => !column(after, 'address').has(a))
    const first = await loadList(
      { store },
      {
        kind: 'address-list',
        from: before,
        name: 'ofac-usm',
        category: 'sanctioned',
        publishedAt: '2024-08-20',
      },
    )
    const second = await loadList(
      { store },
      {
        kind: 'address-list',
        from: after,
        name: 'ofac-usm',
        category: 'sanctioned',
        publishedAt: '2026-06-25',
      },
    )
    expect(first.version).toBe(1)
    expect(second).toMatchObject({ version: 2, ended: dropped.length })
    const tornado = dropped[0] ?? ''
    const history = await store.designations({ addresses: [tornado], includeEnded: true })
    expect(history.filter((d) => d.list === 'ofac-usm')).toEqual([
      expect.objectContaining({ since: '2024-08-20', until: '2026-06-25' }),
    ])
    expect(
      (await store.designations({ addresses: [tornado] })).filter((d) => d.list === 'ofac-usm'),
    ).toEqual([])
  })

  test('error: a broken list file leaves the active list unchanged', async () => {
    const lists = await store.lists()
    const error = await loadList(
      { store },
      { kind: 'ofac-sdn-xml', from: sharedData('ofac-official/sdn.csv'), name: 'ofac-sdn' },
    ).catch((e: unknown) => e)
    expect(isChainwatchError(error, 'list.invalid')).toBe(true)
    expect(await store.lists()).toEqual(lists)
  })
})
