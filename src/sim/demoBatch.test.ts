import { expect, test } from 'vitest'
import { screenAddresses } from '../screening/index.js'
import { openStore } from '../store/index.js'
import { demoBatch, demoDesignations } from './demoBatch.js'

test('default: deterministic, and the stats add up to the flow it describes', async () => {
  expect(demoBatch()).toEqual(demoBatch())
  const store = await openStore('sqlite::memory:')
  try {
    await store.writeBatch(demoBatch())
    const [bitcoin, ethereum] = await store.stats()
    // 401,346 ETH stolen, then 40 × 10,000 ETH split off: both legs are native transfers.
    expect(ethereum).toMatchObject({
      chain: 'ethereum',
      blocks: 3,
      transactions: 51,
      native_transfers: 41,
      token_transfers: 10,
      assets: {
        ETH: ((401_346n + 400_000n) * 10n ** 18n).toString(),
        '0xdac17f958d2ee523a2206206994597c13d831ec7': (270_000_000n * 10n ** 6n).toString(),
      },
    })
    expect(bitcoin).toMatchObject({
      chain: 'bitcoin',
      outputs: 3,
      inputs: 1,
      assets: { BTC: '750000000' },
    })
  } finally {
    await store.close()
  }
})

test('behavior: a split address screens one hop from the demo theft', async () => {
  const store = await openStore('sqlite::memory:')
  try {
    await store.writeBatch(demoBatch())
    const entries = demoDesignations()
    await store.replaceList({
      list: 'demo',
      kind: 'address-list',
      source: 'demo',
      publishedAt: null,
      sha256: '',
      loadedAt: '2025-02-21T00:00:00Z',
      entries,
    })
    const split =
      demoBatch().transfers.find(
        (t) => t.kind === 'native' && t.from === entries[0]?.address && t.to !== null,
      )?.to ?? ''
    const [result] = await screenAddresses({ store }, { addresses: [split], hops: 2 })
    expect(result).toMatchObject({ risk: { level: 'high', rule: '1 hop from stolen-funds' } })
  } finally {
    await store.close()
  }
})
