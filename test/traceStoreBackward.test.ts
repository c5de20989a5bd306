import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { importFiles } from '../src/ingest/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { type BackwardTarget, type TracePolicy, traceStoreBackward } from '../src/tracing/index.js'
import { createTestDatabaseUrl, sharedData, type TestDatabaseUrl, testDialects } from './harness.js'

// Backward traces over real mainnet blocks 1..255 imported into the store, checked by hand.

const btc = (coins: bigint) => coins * 100_000_000n
const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S'
const HAL_FINNEY = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'
/** Paid 10 BTC in block 248 at the end of Satoshi's change chain. */
const BLOCK_248_PAYEE = '1ByLSV2gLRcuqUmfdYcpPQH8Npm8cccsFg'
// The change chain, newest first: each spends the previous one's Satoshi change output.
const CHAIN = [
  ['12b563', 1, 28n], // spent by 828ef3 (block 248): → 1ByLS 10, 12cbQ 18
  ['591e91', 1, 29n], // spent by 12b563 (block 183): → 13Hts 1, 12cbQ 28
  ['a16f3c', 1, 30n], // spent by 591e91 (block 182): → 1LzBz 1, 12cbQ 29
  ['f4184f', 1, 40n], // spent by a16f3c (block 181): → 1DUDs 10, 12cbQ 30
  ['0437cd', 0, 50n], // block 9's coinbase, spent by f4184f (block 170): → Hal 10, 12cbQ 40
] as const

describe.each(testDialects)('%s: traceStoreBackward over mainnet blocks 1..255', (dialect) => {
  let db: TestDatabaseUrl
  let store: Store
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    store = await openStore(db.url)
    await importFiles({ store }, { paths: [sharedData('bitcoin-blocks/btcd_blocks1-256.bz2')] })
  })
  afterAll(async () => {
    await store.close()
    await db.dispose()
  })

  const back = (address: string, policy: TracePolicy) => {
    const targets: BackwardTarget[] = [{ kind: 'address', chain: 'bitcoin', address }]
    return traceStoreBackward({ store }, { chain: 'bitcoin', targets, policy })
  }
  const outputs = (transfers: readonly { txHash: string; outputIndex: number | null }[]) =>
    transfers.map((t) => [t.txHash.slice(0, 6), t.outputIndex])

  test.each(['haircut', 'fifo'] as const)(
    'default: %s, Hal Finney’s 10 BTC are the first 10 of block 9’s coinbase',
    async (policy) => {
      const { manifest, result } = await back(HAL_FINNEY, policy)
      expect(manifest).toMatchObject({ direction: 'backward', skipped: 0, lostSpends: 0 })
      expect(manifest.events).toBe(255 + 7)
      expect(result.sources).toEqual([
        {
          chain: 'bitcoin',
          address: SATOSHI,
          asset: 'native',
          contributed: btc(10n),
          origin: 0n,
          hop: 1,
        },
      ])
      expect(outputs(result.transfers)).toEqual([
        ['f4184f', 0],
        ['0437cd', 0],
      ])
      expect(result.totals).toMatchObject({ holding: btc(10n), minted: btc(10n), origins: 0n })
      const again = await back(HAL_FINNEY, policy)
      expect(again.manifest.sha256).toBe(manifest.sha256)
    },
  )

  test.each(['haircut', 'fifo'] as const)(
    'behavior: %s, 1ByLS’s 10 BTC go back through five of Satoshi’s outputs to block 9',
    async (policy) => {
      // Every transaction on the way has one input and no fee: both policies carry the whole
      // 10 BTC back through each output (hops 1..5), and the coinbase minted it.
      const { result } = await back(BLOCK_248_PAYEE, policy)
      expect(outputs(result.transfers)).toEqual([
        ['828ef3', 0],
        ...CHAIN.map(([tx, index]) => [tx, index]),
      ])
      expect(result.transfers.map((t) => [t.to, t.amount, t.tainted, t.hop])).toEqual([
        [BLOCK_248_PAYEE, btc(10n), btc(10n), 0],
        ...CHAIN.map(([, , value], i) => [SATOSHI, btc(value), btc(10n), i + 1]),
      ])
      // Each pass through Satoshi's address counts: 5 × 10 BTC.
      expect(result.sources).toMatchObject([{ address: SATOSHI, contributed: btc(50n), hop: 1 }])
      expect(result.totals).toMatchObject({ holding: btc(10n), minted: btc(10n), rounding: 0n })
    },
  )

  test('behavior: poison, everything on the way is suspect', async () => {
    const { manifest, result } = await back(BLOCK_248_PAYEE, 'poison')
    // Satoshi's outputs 28 + 29 + 30 + 40 + 50; 13Hts's output 12b563:0 went to 15NUw, not back.
    expect(result.sources).toMatchObject([{ address: SATOSHI, contributed: btc(177n), hop: 1 }])
    expect(result.totals).toMatchObject({ holding: btc(10n), minted: btc(50n) })
    expect(manifest.policy).toBe('poison')
    expect(manifest.sha256).not.toBe((await back(BLOCK_248_PAYEE, 'haircut')).manifest.sha256)
  })

  test('error: a target on another chain', async () => {
    await expect(
      traceStoreBackward(
        { store },
        {
          chain: 'bitcoin',
          targets: [{ kind: 'address', chain: 'ethereum', address: '0xabc' }],
          policy: 'fifo',
        },
      ),
    ).rejects.toThrow(/cannot be traced on bitcoin/)
  })
})
