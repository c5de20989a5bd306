import { Command, Option } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import { generateScenario, scenarioNames } from '../../sim/index.js'
import type { CliContext } from '../withStore.js'
import { addSimLiveCommand } from './simLiveCommand.js'
import { addSimScoreCommand } from './simScoreCommand.js'

type GenerateOptions = {
  scenario: (typeof scenarioNames)[number]
  seed: string
  scale: string
  benignShare: string
  out: string
  workers?: string
}

/** `chainwatch sim`: synthetic laundering scenarios with ground truth (docs/scenarios.md). */
export function simCommand(context: CliContext): Command {
  const sim = new Command('sim').description(
    'Synthetic laundering scenarios with ground truth (docs/scenarios.md)',
  )
  sim
    .command('generate')
    .description('Write a scenario as ethereum-etl / bitcoin-etl exports plus truth.json')
    .addOption(
      new Option('--scenario <name>', 'scenario').choices([...scenarioNames]).makeOptionMandatory(),
    )
    .requiredOption('--seed <n>', 'seed (non-negative integer); same seed, same bytes')
    .option('--scale <s>', 'multiplies the benign background traffic', '1')
    .option('--benign-share <share>', 'share of transfers that are benign, in [0, 1)', '0.99')
    .requiredOption('--out <dir>', 'output directory (ethereum/, bitcoin/, truth.json)')
    .option('--workers <n>', 'generator threads (default: CPU count); output is the same for any')
    .action(async (options: GenerateOptions) => {
      const started = performance.now()
      const result = await generateScenario({
        scenario: options.scenario,
        seed: number(options.seed, '--seed'),
        scale: number(options.scale, '--scale'),
        benignShare: number(options.benignShare, '--benign-share'),
        out: options.out,
        ...(options.workers === undefined ? {} : { workers: number(options.workers, '--workers') }),
      })
      const seconds = (performance.now() - started) / 1000
      if (context.json) {
        context.print(JSON.stringify({ ...result, seconds }))
        return
      }
      context.print(
        `${result.transfers.toLocaleString('en-US')} transfers (${result.launderingTransfers.toLocaleString('en-US')} laundering), ${result.rows.toLocaleString('en-US')} rows, ${result.blocks.ethereum} ethereum + ${result.blocks.bitcoin} bitcoin blocks in ${seconds.toFixed(1)} s`,
      )
      context.print(`truth: ${result.truthPath}`)
    })
  addSimLiveCommand(sim, context)
  addSimScoreCommand(sim, context)
  return sim
}

function number(text: string, flag: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new ChainwatchError('input.invalid', `${flag} must be a number, got "${text}".`)
  }
  return value
}
