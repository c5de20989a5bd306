import { mkdirSync } from 'node:fs'
import { type ScenarioParameters, type ScenarioSetup, setupScenario } from './setupScenario.js'
import { simulateBitcoin } from './simulateBitcoin.js'
import { simulateEthereum } from './simulateEthereum.js'
import { writeBitcoinChain } from './writeBitcoinChain.js'
import { type ChainWritten, writeEthereumChain } from './writeEthereumChain.js'

/** A run of chunks [from, to) of one chain, written as export files into `dir`. */
export type PartJob = {
  readonly parameters: ScenarioParameters
  readonly chain: 'ethereum' | 'bitcoin'
  readonly from: number
  readonly to: number
  readonly dir: string
}

/** Generates and writes one part; `setup` may be passed when the caller already has it. */
export function writeScenarioPart(
  job: PartJob,
  setup: ScenarioSetup = setupScenario(job.parameters),
): ChainWritten {
  mkdirSync(job.dir, { recursive: true })
  if (job.chain === 'ethereum') {
    return writeEthereumChain(simulateEthereum(setup, job.from, job.to), job.dir)
  }
  if (setup.bitcoin === null) return { steps: [], blocks: 0, transfers: 0, rows: 0 }
  return writeBitcoinChain(simulateBitcoin(setup, setup.bitcoin, job.from, job.to), job.dir)
}
