import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import { planBybit } from './planBybit.js'
import { planPhishingDrainer } from './planPhishingDrainer.js'
import { planRonin } from './planRonin.js'
import type { SimBtcTx, SimEthTx, TruthEndpoint } from './SimTypes.js'

/** An organisation as truth.json lists it. */
export type TruthOrganisation = {
  readonly name: string
  readonly kind: 'victim' | 'bridge' | 'dex' | 'exchange' | 'otc' | 'mixer' | 'drainer'
  readonly addresses: readonly string[]
}

/** What a scenario's laundering is, before benign traffic is mixed in and blocks are cut. */
export type ScenarioPlan = {
  /** Laundering transactions on Ethereum, sorted by time. */
  readonly ethereum: readonly SimEthTx[]
  /** Laundering transactions on Bitcoin, sorted by time (empty when the scenario stays on EVM). */
  readonly bitcoin: readonly SimBtcTx[]
  readonly thiefAddresses: {
    readonly ethereum: readonly string[]
    readonly bitcoin: readonly string[]
  }
  readonly endpoints: readonly TruthEndpoint[]
  /** Organisations of this scenario beyond the shared world's (a mixer, a drainer contract). */
  readonly organisations: readonly TruthOrganisation[]
  /** Scenario-specific truth fields (e.g. `bridgeDeposits`), written into truth.json as they are. */
  readonly truth: Readonly<Record<string, unknown>>
}

export type ScenarioDefinition = {
  /** Unix time the laundering starts: the real incident's block time. */
  readonly start: number
  /** Block numbers the generated chains start at (the real incident's blocks). */
  readonly firstBlock: { readonly ethereum: number; readonly bitcoin: number }
  readonly plan: (world: SimWorld, rng: Rng, start: number) => ScenarioPlan
}

export const scenarioNames = ['bybit-2025', 'ronin-2022', 'phishing-drainer'] as const
export type ScenarioName = (typeof scenarioNames)[number]

/** Every scenario `sim generate` and `sim live` know; each is documented in docs/scenarios.md. */
export const scenarios: Readonly<Record<ScenarioName, ScenarioDefinition>> = {
  'bybit-2025': {
    // 21 Feb 2025 14:13:35 UTC, the Bybit theft's block time.
    start: 1_740_147_215,
    firstBlock: { ethereum: 21_895_238, bitcoin: 884_220 },
    plan: planBybit,
  },
  'ronin-2022': {
    // 23 Mar 2022 13:29:09 UTC, the forged ETH withdrawal's block (USDC followed two minutes later).
    start: 1_648_042_149,
    // Ethereum only: the Bitcoin block number is never used (the plan's `bitcoin` list is empty).
    firstBlock: { ethereum: 14_442_835, bitcoin: 0 },
    plan: planRonin,
  },
  'phishing-drainer': {
    // 14 Dec 2023 08:49 UTC, when a drainer was published in a compromised wallet-connector
    // library (Ledger's incident report); the block is interpolated between the Shapella
    // (17,034,870) and Dencun (19,426,587) fork blocks, so it may be off by a few hundred.
    start: 1_702_543_740,
    firstBlock: { ethereum: 18_783_753, bitcoin: 0 },
    plan: planPhishingDrainer,
  },
}
