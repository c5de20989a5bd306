import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ChainwatchError } from '../errors/index.js'
import { buildTruth } from './buildTruth.js'
import { runPartJobs } from './runPartJobs.js'
import { type ScenarioParameters, type ScenarioSetup, setupScenario } from './setupScenario.js'
import { bitcoinChunks } from './simulateBitcoin.js'
import { ethereumChunks } from './simulateEthereum.js'
import { bitcoinFiles } from './writeBitcoinChain.js'
import { type ChainWritten, ethereumFiles } from './writeEthereumChain.js'
import type { PartJob } from './writeScenarioPart.js'

export type GenerateScenarioParameters = ScenarioParameters & {
  /** Output directory: `ethereum/` and `bitcoin/` exports and `truth.json` go in it. */
  readonly out: string
  /** Generator threads (default: the machine's parallelism). The bytes do not depend on it. */
  readonly workers?: number
}

export type GeneratedScenario = {
  readonly truthPath: string
  readonly transfers: number
  readonly launderingTransfers: number
  readonly rows: number
  readonly blocks: { readonly ethereum: number; readonly bitcoin: number }
}

/**
 * Generates a scenario's synthetic chains as importer-ready exports plus its ground truth,
 * deterministically from the seed. Blocks are cut into fixed chunks generated on worker threads
 * into part files, which are appended in order as they finish: memory is bounded by the
 * laundering plan and the fixed background casts, not by `scale`.
 *
 * @throws ChainwatchError `input.invalid` for an unknown scenario or out-of-range numbers,
 *   `output.unwritable` when the files cannot be written.
 */
export async function generateScenario(p: GenerateScenarioParameters): Promise<GeneratedScenario> {
  const setup = setupScenario(p)
  // Threads only pay off past a few hundred thousand transfers (each one plans the scenario anew).
  const expected = setup.ethereum.backgroundTransfers + (setup.bitcoin?.backgroundTransfers ?? 0)
  const workers = p.workers ?? (expected < 500_000 ? 1 : availableParallelism())
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 64) {
    throw new ChainwatchError('input.invalid', 'Workers must be an integer in [1, 64].')
  }
  const parts = join(p.out, '.chainwatch-sim-parts')
  try {
    rmSync(parts, { recursive: true, force: true })
    // Only the files a scenario writes are replaced (a previous scenario's other chain too, so
    // no stale export is left beside the new one); nothing else in DIR is touched.
    for (const [chain, files] of [
      ['ethereum', ethereumFiles],
      ['bitcoin', bitcoinFiles],
    ] as const) {
      for (const file of files) rmSync(join(p.out, chain, file), { force: true })
      if (chain === 'ethereum' || setup.bitcoin !== null) {
        mkdirSync(join(p.out, chain), { recursive: true })
      }
    }
  } catch (error) {
    throw unwritable(p.out, error)
  }
  const jobs = partJobs(setup, workers, p.out, parts)
  const results: (ChainWritten | undefined)[] = []
  let appended = 0
  // Parts are appended in order as soon as every earlier one is in, overlapping generation.
  let appending = Promise.resolve()
  await runPartJobs(jobs, workers, setup, async (index, result) => {
    results[index] = result
    appending = appending.then(async () => {
      while (appended < jobs.length && results[appended] !== undefined) {
        const job = jobs[appended]
        if (job !== undefined) await appendPart(job, p.out)
        appended++
      }
    })
    await appending
  }).catch((error: unknown) => {
    throw error instanceof ChainwatchError ? error : unwritable(p.out, error)
  })
  rmSync(parts, { recursive: true, force: true })

  const written = (chain: 'ethereum' | 'bitcoin') =>
    results.filter((r, i): r is ChainWritten => r !== undefined && jobs[i]?.chain === chain)
  const ethereum = written('ethereum')
  const bitcoin = written('bitcoin')
  const steps = [...ethereum, ...bitcoin].flatMap((r) => r.steps)
  const truthPath = join(p.out, 'truth.json')
  writeFileSync(truthPath, `${JSON.stringify(buildTruth(setup, steps), null, 1)}\n`)
  const total = (rs: readonly ChainWritten[], key: 'transfers' | 'rows' | 'blocks') =>
    rs.reduce((sum, r) => sum + r[key], 0)
  return {
    truthPath,
    transfers: total(ethereum, 'transfers') + total(bitcoin, 'transfers'),
    launderingTransfers: steps.length,
    rows: total(ethereum, 'rows') + total(bitcoin, 'rows'),
    blocks: { ethereum: total(ethereum, 'blocks'), bitcoin: total(bitcoin, 'blocks') },
  }
}

/** Each chain's chunks split into a few contiguous jobs per worker, so threads stay busy. */
function partJobs(setup: ScenarioSetup, workers: number, out: string, parts: string): PartJob[] {
  const jobs: PartJob[] = []
  const split = (chain: 'ethereum' | 'bitcoin', chunks: number) => {
    const count = Math.max(1, Math.min(chunks, workers === 1 ? 1 : workers * 3))
    for (let j = 0; j < count; j++) {
      const from = Math.floor((chunks * j) / count)
      const to = Math.floor((chunks * (j + 1)) / count)
      if (to > from) {
        // The first part is written in place; later ones are appended to it.
        const dir = j === 0 ? join(out, chain) : join(parts, `${chain}-${j}`)
        jobs.push({ parameters: setup.parameters, chain, from, to, dir })
      }
    }
  }
  split('ethereum', ethereumChunks(setup))
  if (setup.bitcoin !== null) split('bitcoin', bitcoinChunks(setup.bitcoin))
  return jobs
}

async function appendPart(job: PartJob, out: string): Promise<void> {
  if (job.dir === join(out, job.chain)) return
  const files = job.chain === 'ethereum' ? ethereumFiles : bitcoinFiles
  for (const file of files) {
    await pipeline(
      createReadStream(join(job.dir, file), { highWaterMark: 4 << 20 }),
      createWriteStream(join(out, job.chain, file), { flags: 'a' }),
    )
  }
  rmSync(job.dir, { recursive: true, force: true })
}

function unwritable(out: string, error: unknown): ChainwatchError {
  return new ChainwatchError('output.unwritable', `Cannot write the scenario to ${out}.`, {
    meta: { out },
    cause: error,
  })
}
