/** Worker-thread entry for `sim generate`: writes the parts it is sent, one at a time. */
import { parentPort } from 'node:worker_threads'
import { type ScenarioSetup, setupScenario } from './setupScenario.js'
import { type PartJob, writeScenarioPart } from './writeScenarioPart.js'

let cached: { key: string; setup: ScenarioSetup } | undefined

parentPort?.on('message', (job: PartJob) => {
  try {
    const key = JSON.stringify(job.parameters)
    if (cached?.key !== key) cached = { key, setup: setupScenario(job.parameters) }
    parentPort?.postMessage({ ok: true, result: writeScenarioPart(job, cached.setup) })
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    })
  }
})
