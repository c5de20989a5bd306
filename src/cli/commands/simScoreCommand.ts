import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import {
  parseFindings,
  parseTruth,
  renderScoreTable,
  scoreFindings,
  scoreToJson,
} from '../../sim/index.js'
import type { CliContext } from '../withStore.js'

type ScoreOptions = { truth: string; findings: string }

/** Adds `sim score`: the after-action report of an exercise (docs/scenarios.md). */
export function addSimScoreCommand(sim: Command, context: CliContext): void {
  sim
    .command('score')
    .description(
      "Score a participant's findings (flags, alerts, holds) against a scenario's truth.json",
    )
    .requiredOption('--truth <file>', 'truth.json written by `sim generate`')
    .requiredOption('--findings <file>', 'findings JSON (docs/scenarios.md, "Scoring an exercise")')
    .action((options: ScoreOptions) => {
      const truth = parseTruth(readJson(options.truth, 'truth'))
      const chains = [
        ...new Set([
          ...Object.keys(truth.thiefAddresses),
          ...truth.steps.map((s) => s.chain),
          ...truth.endpoints.map((e) => e.chain),
        ]),
      ].sort()
      const findings = parseFindings(readJson(options.findings, 'findings'), chains)
      const report = scoreFindings(truth, findings)
      context.print(context.json ? JSON.stringify(scoreToJson(report)) : renderScoreTable(report))
    })
}

function readJson(file: string, what: 'truth' | 'findings'): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ChainwatchError('import.file_unreadable', `Cannot read the ${what} file.`, {
      meta: { file },
      cause: error,
    })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ChainwatchError('input.invalid', `The ${what} file is not JSON.`, {
      meta: { file },
      cause: error,
    })
  }
}
