import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ChainwatchError } from '../errors/index.js'
import type { ScenarioSetup } from './setupScenario.js'
import type { ChainWritten } from './writeEthereumChain.js'
import { type PartJob, writeScenarioPart } from './writeScenarioPart.js'

/**
 * Runs part jobs on `workers` threads (in this thread when 1), calling `done(i, result)` as each
 * finishes; resolves when all have. Parts are independent, so the split changes no byte.
 */
export async function runPartJobs(
  jobs: readonly PartJob[],
  workers: number,
  setup: ScenarioSetup,
  done: (index: number, result: ChainWritten) => Promise<void>,
): Promise<void> {
  if (workers <= 1 || jobs.length <= 1) {
    for (const [i, job] of jobs.entries()) await done(i, writeScenarioPart(job, setup))
    return
  }
  let next = 0
  const threads = Array.from({ length: Math.min(workers, jobs.length) }, () => startWorker())
  try {
    await Promise.all(
      threads.map(async (worker) => {
        while (next < jobs.length) {
          const i = next++
          const job = jobs[i]
          if (job === undefined) break
          await done(i, await runOn(worker, job))
        }
      }),
    )
  } finally {
    await Promise.all(threads.map((worker) => worker.terminate()))
  }
}

type Reply = { ok: true; result: ChainWritten } | { ok: false; message: string }

function runOn(worker: Worker, job: PartJob): Promise<ChainWritten> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage)
      reject(error)
    }
    const onMessage = (reply: Reply) => {
      worker.off('error', onError)
      if (reply.ok) resolve(reply.result)
      else {
        reject(
          new ChainwatchError('output.unwritable', `Generating a ${job.chain} part failed.`, {
            meta: { dir: job.dir },
            details: reply.message,
          }),
        )
      }
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(job)
  })
}

/** The compiled worker, or its TypeScript source through tsx when running from src/ (tests). */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./generateWorker.js', import.meta.url))
  // A worker does not inherit the parent's TypeScript loader: it registers tsx's require hook.
  const require = createRequire(import.meta.url)
  const api = require.resolve('tsx/cjs/api')
  const entry = fileURLToPath(new URL('./generateWorker.ts', import.meta.url))
  return new Worker(
    `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(entry)})`,
    { eval: true },
  )
}
