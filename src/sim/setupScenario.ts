import { ChainwatchError } from '../errors/index.js'
import { createRng, type Rng } from './createRng.js'
import { createSimWorld, type SimWorld } from './createSimWorld.js'
import {
  type ScenarioDefinition,
  type ScenarioName,
  type ScenarioPlan,
  scenarioNames,
  scenarios,
} from './scenarios.js'

export type ScenarioParameters = {
  readonly scenario: ScenarioName
  readonly seed: number
  /** Multiplies the benign traffic (default 1). */
  readonly scale?: number
  /** Share of all transfers that are benign, in [0, 1) (default 0.99). */
  readonly benignShare?: number
}

/** One generated chain's extent: where its blocks start and how much benign traffic it carries. */
export type ChainExtent = {
  readonly firstBlock: number
  readonly startTime: number
  readonly blocks: number
  /** Benign transfers spread over the whole window. */
  readonly backgroundTransfers: number
}

/**
 * Everything a scenario's chains are generated from. It is a pure function of the parameters, so
 * a worker thread that rebuilds it generates exactly the blocks the main thread would.
 */
export type ScenarioSetup = {
  readonly parameters: Required<ScenarioParameters>
  readonly definition: ScenarioDefinition
  readonly root: Rng
  readonly world: SimWorld
  readonly plan: ScenarioPlan
  readonly ethereum: ChainExtent
  /** null when the scenario never reaches Bitcoin. */
  readonly bitcoin: ChainExtent | null
}

const DAY = 86_400
export const ETHEREUM_BLOCK_SECONDS = 12
export const BITCOIN_BLOCK_SECONDS = 600

/**
 * Validates the parameters and plans the scenario.
 *
 * @throws ChainwatchError `input.invalid` for an unknown scenario or out-of-range numbers.
 */
export function setupScenario(p: ScenarioParameters): ScenarioSetup {
  const scale = p.scale ?? 1
  const benignShare = p.benignShare ?? 0.99
  if (!scenarioNames.includes(p.scenario)) {
    throw new ChainwatchError('input.invalid', `Unknown scenario "${p.scenario}".`, {
      meta: { scenarios: scenarioNames.join(', ') },
    })
  }
  if (!Number.isSafeInteger(p.seed) || p.seed < 0) {
    throw new ChainwatchError('input.invalid', 'The seed must be a non-negative integer.')
  }
  if (!(scale >= 0 && scale <= 1_000) || !(benignShare >= 0 && benignShare < 1)) {
    throw new ChainwatchError(
      'input.invalid',
      'Scale must be in [0, 1000] and the benign share in [0, 1).',
    )
  }
  const definition = scenarios[p.scenario]
  const root = createRng(p.seed, p.scenario)
  const world = createSimWorld(root.fork('world'))
  const plan = definition.plan(world, root, definition.start)
  const ratio = (benignShare / (1 - benignShare)) * scale
  const end = (txs: readonly { readonly time: number }[]) =>
    (txs.at(-1)?.time ?? definition.start) + DAY
  const ethLaundering = plan.ethereum.reduce(
    (sum, tx) =>
      sum +
      (tx.value > 0n ? 1 : 0) +
      tx.logs.filter((l) => l.kind === 'transfer').length +
      tx.internal.length,
    0,
  )
  const btcLaundering = plan.bitcoin.reduce((sum, tx) => sum + tx.outputs.length, 0)
  const btcStart = definition.start - 300
  return {
    parameters: { scenario: p.scenario, seed: p.seed, scale, benignShare },
    definition,
    root,
    world,
    plan,
    ethereum: {
      firstBlock: definition.firstBlock.ethereum,
      startTime: definition.start,
      blocks: Math.ceil((end(plan.ethereum) - definition.start) / ETHEREUM_BLOCK_SECONDS),
      backgroundTransfers: Math.round(ethLaundering * ratio),
    },
    bitcoin:
      plan.bitcoin.length === 0
        ? null
        : {
            firstBlock: definition.firstBlock.bitcoin,
            startTime: btcStart,
            blocks: Math.ceil((end(plan.bitcoin) - btcStart) / BITCOIN_BLOCK_SECONDS),
            backgroundTransfers: Math.round(btcLaundering * ratio),
          },
  }
}

/** The index of the first transaction at or after `time` in a time-sorted plan. */
export function firstAtOrAfter(txs: readonly { readonly time: number }[], time: number): number {
  let lo = 0
  let hi = txs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((txs[mid]?.time ?? Infinity) < time) lo = mid + 1
    else hi = mid
  }
  return lo
}
