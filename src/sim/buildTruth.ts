import type { TruthStep } from './SimTypes.js'
import type { TruthOrganisation } from './scenarios.js'
import type { ScenarioSetup } from './setupScenario.js'

/** truth.json: the shared world's organisations and the scenario's plan, steps and endpoints. */
export function buildTruth(setup: ScenarioSetup, steps: readonly TruthStep[]) {
  const { world, plan, parameters } = setup
  return {
    scenario: parameters.scenario,
    seed: parameters.seed,
    scale: parameters.scale,
    benignShare: parameters.benignShare,
    organisations: organisationsOf(setup),
    tokens: world.tokens.map((t) => ({ symbol: t.symbol, address: t.address, pool: t.pool })),
    theft: steps.filter((s) => s.technique === 'theft'),
    thiefAddresses: plan.thiefAddresses,
    ...plan.truth,
    steps,
    endpoints: plan.endpoints,
  }
}

/** The shared world's organisations, then the scenario's own. */
export function organisationsOf(setup: ScenarioSetup): TruthOrganisation[] {
  const { world, plan } = setup
  return [
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
    ...world.exchanges.map(
      (e): TruthOrganisation => ({
        name: e.name,
        kind: 'exchange',
        addresses: [e.ethHot, e.ethCold, e.btcHot],
      }),
    ),
    { name: world.otcDesk.name, kind: 'otc', addresses: [world.otcDesk.btcAddress] },
    ...plan.organisations,
  ]
}
