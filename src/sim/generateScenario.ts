import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ChainwatchError } from '../errors/index.js'
import { createBitcoinBackground } from './createBitcoinBackground.js'
import { createBybitWorld } from './createBybitWorld.js'
import { createEthereumBackground } from './createEthereumBackground.js'
import { createRng } from './createRng.js'
import { planBybitBitcoin } from './planBybitBitcoin.js'
import { planBybitEthereum } from './planBybitEthereum.js'
import { writeBitcoinChain } from './writeBitcoinChain.js'
import { writeEthereumChain } from './writeEthereumChain.js'

export const scenarioNames = ['bybit-2025'] as const
export type ScenarioName = (typeof scenarioNames)[number]

export type GenerateScenarioParameters = {
  readonly scenario: ScenarioName
  readonly seed: number
  /** Multiplies the benign traffic (default 1). */
  readonly scale?: number
  /** Share of all transfers that are benign, in [0, 1) (default 0.99). */
  readonly benignShare?: number
  /** Output directory: `ethereum/` and `bitcoin/` exports and `truth.json` go in it. */
  readonly out: string
}

export type GeneratedScenario = {
  readonly truthPath: string
  readonly transfers: number
  readonly launderingTransfers: number
  readonly rows: number
  readonly blocks: { readonly ethereum: number; readonly bitcoin: number }
}

/** 21 Feb 2025 14:13:35 UTC, the Bybit theft's block time. */
const THEFT_TIME = 1_740_147_215
const ETHEREUM_FIRST_BLOCK = 21_895_238
const BITCOIN_FIRST_BLOCK = 884_220
const DAY = 86_400

/**
 * Generates a scenario's synthetic chains as importer-ready exports plus its ground truth,
 * deterministically from the seed, streaming block by block (memory bounded by the laundering
 * plan and fixed background casts, not by `scale`).
 *
 * @throws ChainwatchError `input.invalid` for an unknown scenario or out-of-range numbers.
 */
export async function generateScenario(p: GenerateScenarioParameters): Promise<GeneratedScenario> {
  const scale = p.scale ?? 1
  const benignShare = p.benignShare ?? 0.99
  if (!scenarioNames.includes(p.scenario)) {
    throw new ChainwatchError('input.invalid', `Unknown scenario "${p.scenario}".`)
  }
  if (!Number.isSafeInteger(p.seed) || p.seed < 0) {
    throw new ChainwatchError('input.invalid', 'The seed must be a non-negative integer.')
  }
  if (!(scale >= 0) || !(benignShare >= 0 && benignShare < 1)) {
    throw new ChainwatchError('input.invalid', 'Scale must be ≥ 0 and the benign share in [0, 1).')
  }
  const root = createRng(p.seed, p.scenario)
  const world = createBybitWorld(root.fork('world'))
  const ethPlan = planBybitEthereum(world, root.fork('plan-ethereum'), THEFT_TIME)
  const btcPlan = planBybitBitcoin(world, root.fork('plan-bitcoin'), ethPlan.deposits)
  const launderingOf = (txs: readonly { readonly time: number }[]) => txs.at(-1)?.time ?? THEFT_TIME
  const ethEnd = launderingOf(ethPlan.txs) + DAY
  const btcEnd = launderingOf(btcPlan.txs) + DAY
  const ratio = (benignShare / (1 - benignShare)) * scale
  const ethDir = join(p.out, 'ethereum')
  const btcDir = join(p.out, 'bitcoin')
  mkdirSync(ethDir, { recursive: true })
  mkdirSync(btcDir, { recursive: true })

  const ethLaundering = ethPlan.txs.reduce(
    (sum, tx) =>
      sum +
      (tx.value > 0n ? 1 : 0) +
      tx.logs.filter((l) => l.kind === 'transfer').length +
      tx.internal.length,
    0,
  )
  const ethereum = await writeEthereumChain({
    dir: ethDir,
    rng: root.fork('ethereum'),
    firstBlock: ETHEREUM_FIRST_BLOCK,
    startTime: THEFT_TIME,
    endTime: ethEnd,
    plan: ethPlan.txs,
    background: createEthereumBackground(world, root.fork('ethereum-background')),
    backgroundTransfers: Math.round(ethLaundering * ratio),
  })
  const btcLaundering = btcPlan.txs.reduce((sum, tx) => sum + tx.outputs.length, 0)
  const bitcoin = await writeBitcoinChain({
    dir: btcDir,
    rng: root.fork('bitcoin'),
    firstBlock: BITCOIN_FIRST_BLOCK,
    startTime: THEFT_TIME - 300,
    endTime: btcEnd,
    plan: btcPlan.txs,
    background: createBitcoinBackground(world, root.fork('bitcoin-background')),
    backgroundTransfers: Math.round(btcLaundering * ratio),
  })

  const steps = [...ethereum.steps, ...bitcoin.steps]
  const truth = {
    scenario: p.scenario,
    seed: p.seed,
    scale,
    benignShare,
    organisations: [
      { name: world.victim.name, kind: 'victim', addresses: [world.victim.coldWallet] },
      {
        name: world.bridge.name,
        kind: 'bridge',
        addresses: [world.bridge.router, world.bridge.vault, world.bridge.btcVault],
      },
      {
        name: 'DEX',
        kind: 'dex',
        addresses: [world.dexRouter, world.weth, ...world.tokens.map((t) => t.pool)],
      },
      ...world.exchanges.map((e) => ({
        name: e.name,
        kind: 'exchange',
        addresses: [e.ethHot, e.ethCold, e.btcHot],
      })),
      { name: world.otcDesk.name, kind: 'otc', addresses: [world.otcDesk.btcAddress] },
    ],
    tokens: world.tokens.map((t) => ({ symbol: t.symbol, address: t.address, pool: t.pool })),
    theft: steps.filter((s) => s.technique === 'theft'),
    thiefAddresses: { ethereum: ethPlan.thiefAddresses, bitcoin: btcPlan.thiefAddresses },
    bridgeDeposits: ethPlan.deposits.map((d) => ({ ...d, amount: d.amount.toString() })),
    steps,
    endpoints: btcPlan.endpoints,
  }
  const truthPath = join(p.out, 'truth.json')
  writeFileSync(truthPath, `${JSON.stringify(truth, null, 1)}\n`)
  return {
    truthPath,
    transfers: ethereum.transfers + bitcoin.transfers,
    launderingTransfers: steps.length,
    rows: ethereum.rows + bitcoin.rows,
    blocks: { ethereum: ethereum.blocks, bitcoin: bitcoin.blocks },
  }
}
