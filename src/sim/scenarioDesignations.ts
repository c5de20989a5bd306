import type { Category, ListEntry } from '../screening/index.js'
import { organisationsOf } from './buildTruth.js'
import type { TruthOrganisation } from './scenarios.js'
import type { ScenarioSetup } from './setupScenario.js'

const categoryOf: Readonly<Record<TruthOrganisation['kind'], Category>> = {
  victim: 'other',
  bridge: 'bridge',
  dex: 'dex',
  exchange: 'exchange',
  otc: 'exchange',
  mixer: 'mixer',
  drainer: 'scam',
}

/**
 * The designations an analyst would start a scenario with: every organisation's known addresses
 * (exchanges, bridge, DEX, OTC desk, mixer) and the exchanges' deposit addresses where stolen
 * value ends, as an attribution provider labels them, plus the address the theft paid first as
 * stolen funds (as an incident report would name it). The rest of the thief's addresses are
 * left for tracing to find.
 */
export function scenarioDesignations(setup: ScenarioSetup): ListEntry[] {
  const label = `synthetic ${setup.parameters.scenario} scenario, seed ${setup.parameters.seed}`
  const entry = (
    chain: 'ethereum' | 'bitcoin',
    address: string,
    category: Category,
    entity: string,
  ): ListEntry => ({
    chain,
    address,
    asset: null,
    category,
    entity,
    entityId: null,
    programmes: [],
    confidence: 100,
    label,
  })
  const entries = new Map<string, ListEntry>()
  const add = (e: ListEntry) => entries.set(`${e.chain}:${e.address}`, e)
  for (const o of organisationsOf(setup)) {
    for (const address of o.addresses) {
      add(
        entry(
          address.startsWith('0x') ? 'ethereum' : 'bitcoin',
          address,
          categoryOf[o.kind],
          o.name,
        ),
      )
    }
  }
  for (const e of setup.plan.endpoints) {
    add(
      entry(
        e.chain,
        e.address,
        e.kind === 'bridge' ? 'bridge' : 'exchange',
        `${e.organisation} (deposit address)`,
      ),
    )
  }
  const theft = setup.plan.ethereum.find((tx) => tx.technique === 'theft')
  if (theft !== undefined) {
    const thief = theft.call.kind === 'token-transfer' ? theft.call.to : theft.to
    add(entry('ethereum', thief, 'stolen-funds', `${setup.parameters.scenario} theft address`))
  }
  return [...entries.values()]
}
