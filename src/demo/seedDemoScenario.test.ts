import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ScenarioParameters, setupScenario } from '../sim/index.js'
import { openStore, type Store } from '../store/index.js'
import { seedDemoScenario } from './seedDemoScenario.js'

// The real demo with less background, so the test stays quick; the code path is the same.
const parameters: ScenarioParameters = { scenario: 'bybit-2025', seed: 1, benignShare: 0.2 }
let store: Store

beforeAll(async () => {
  store = await openStore('sqlite::memory:')
}, 60_000)
afterAll(async () => {
  await store.close()
})

describe('seedDemoScenario', () => {
  test('imports the generated scenario and its designations into an empty store', async () => {
    const seeded = await seedDemoScenario(store, parameters)
    const stats = await store.stats()
    // Every generated transfer is in the store: account transfers plus addressed outputs
    // (the bridge payouts' OP_RETURN outputs carry no address).
    const setup = setupScenario(parameters)
    const eth = stats.find((s) => s.chain === 'ethereum')
    const btc = stats.find((s) => s.chain === 'bitcoin')
    if (eth === undefined || btc === undefined) throw new Error('a chain is missing')
    const nullData = setup.plan.bitcoin
      .flatMap((tx) => tx.outputs)
      .filter((o) => o.address === null).length
    expect(
      eth.native_transfers + eth.internal_transfers + eth.token_transfers + btc.outputs - nullData,
    ).toBe(seeded.transfers)
    expect(seeded.transfers).toBeGreaterThan(seeded.launderingTransfers)

    const lists = await store.lists()
    expect(lists.find((l) => l.list === 'demo')?.entries).toBe(seeded.designations)
    // The theft address is designated stolen funds; every endpoint is an exchange deposit.
    const theft = setup.plan.ethereum[0]
    if (theft === undefined) throw new Error('no theft transaction')
    const [designation] = await store.designations({ addresses: [theft.to] })
    expect(designation?.category).toBe('stolen-funds')
    const endpoints = setup.plan.endpoints.slice(0, 50).map((e) => e.address)
    const found = await store.designations({ addresses: endpoints })
    expect(found.map((d) => d.category).every((c) => c === 'exchange')).toBe(true)
    expect(new Set(found.map((d) => d.address))).toEqual(new Set(endpoints))
  }, 120_000)
})
