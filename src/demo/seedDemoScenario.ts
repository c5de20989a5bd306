import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importFiles } from '../ingest/index.js'
import {
  generateScenario,
  type ScenarioParameters,
  scenarioDesignations,
  setupScenario,
} from '../sim/index.js'
import type { Store } from '../store/index.js'

/**
 * The scenario a new user sees at first start: bybit-2025, seed 1, with enough benign traffic
 * around it to be realistic and little enough to import in seconds.
 */
export const demoScenario: ScenarioParameters = {
  scenario: 'bybit-2025',
  seed: 1,
  benignShare: 0.8,
}

export type SeededDemo = {
  readonly transfers: number
  readonly launderingTransfers: number
  readonly designations: number
  readonly seconds: number
}

/**
 * Generates the demo scenario into a temporary directory, imports it through the normal importer,
 * and loads its designations as the `demo` list (organisations, exchange deposit addresses, the
 * theft address). The files are removed afterwards; the same seed always gives the same data.
 */
export async function seedDemoScenario(
  store: Store,
  parameters: ScenarioParameters = demoScenario,
): Promise<SeededDemo> {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'chainwatch-demo-'))
  try {
    const generated = await generateScenario({ ...parameters, out: dir, workers: 1 })
    const setup = setupScenario(parameters)
    const chains = setup.bitcoin === null ? ['ethereum'] : ['ethereum', 'bitcoin']
    await importFiles({ store }, { paths: chains.map((chain) => join(dir, chain)), strict: true })
    const entries = scenarioDesignations(setup)
    await store.replaceList({
      list: 'demo',
      kind: 'address-list',
      source: `chainwatch sim generate --scenario ${parameters.scenario} --seed ${parameters.seed} (synthetic)`,
      publishedAt: null,
      sha256: '',
      loadedAt: new Date().toISOString(),
      entries,
    })
    return {
      transfers: generated.transfers,
      launderingTransfers: generated.launderingTransfers,
      designations: entries.length,
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
