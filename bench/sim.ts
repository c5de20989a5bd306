/**
 * Scenario generation throughput: `sim generate --scenario bybit-2025` at growing scales, written
 * to disk as the CLI writes it, with transfers/s, MB/s and the process's peak memory (worker
 * threads included) after each run. Peak memory staying flat as the scale grows is the
 * bounded-memory check; the target is ≥ 10 M transfers in under 2 minutes.
 *
 * npm run bench -- sim [SCALES] [WORKERS]     (default scales 1,4; workers: CPU count)
 */
import { readdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { generateScenario } from '../src/sim/index.js'

const scales = (process.argv[3] ?? '1,4').split(',').map(Number)
const workers = Number.parseInt(process.argv[4] ?? `${availableParallelism()}`, 10)
const out = join(import.meta.dirname, '../.bench/sim')

function bytesUnder(dir: string): number {
  let total = 0
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(join(dir, name))
    if (stat.isFile()) total += stat.size
  }
  return total
}

console.log(`bybit-2025, seed 1, ${workers} worker thread(s), into ${out}`)
for (const scale of scales) {
  rmSync(out, { recursive: true, force: true })
  const started = performance.now()
  const result = await generateScenario({ scenario: 'bybit-2025', seed: 1, scale, workers, out })
  const seconds = (performance.now() - started) / 1000
  const bytes = bytesUnder(out)
  const peakMb = process.resourceUsage().maxRSS / 1024
  console.log(
    [
      `scale ${scale}: ${result.transfers.toLocaleString('en-US')} transfers`,
      `${result.rows.toLocaleString('en-US')} rows`,
      `${(bytes / 1e9).toFixed(2)} GB`,
      `${seconds.toFixed(1)} s`,
      `${Math.round(result.transfers / seconds).toLocaleString('en-US')} transfers/s`,
      `${Math.round(bytes / 1e6 / seconds)} MB/s`,
      `peak RSS so far ${peakMb.toFixed(0)} MB`,
    ].join(', '),
  )
}
rmSync(out, { recursive: true, force: true })
