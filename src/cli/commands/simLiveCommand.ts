import { type Command, Option } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import { type LiveProgress, playLive, scenarioNames } from '../../sim/index.js'
import type { CliContext } from '../withStore.js'

type LiveOptions = {
  scenario: (typeof scenarioNames)[number]
  seed: string
  rpc: string
  speed: string
  scale: string
  benignShare: string
  out?: string
  maxBlocks?: string
}

/** Adds `sim live`: a scenario's Ethereum part played onto a local anvil node (docs/scenarios.md). */
export function addSimLiveCommand(sim: Command, context: CliContext): void {
  sim
    .command('live')
    .description(
      "Play a scenario's Ethereum transactions onto a local anvil node, block by block at simulated times",
    )
    .addOption(
      new Option('--scenario <name>', 'scenario').choices([...scenarioNames]).makeOptionMandatory(),
    )
    .requiredOption('--seed <n>', 'seed (non-negative integer); same seed as `sim generate`')
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint of an anvil node')
    .option('--speed <x>', 'simulated seconds per real second, or "max"', 'max')
    .option('--scale <s>', 'multiplies the benign background traffic', '1')
    .option('--benign-share <share>', 'share of transfers that are benign, in [0, 1)', '0.99')
    .option('--max-blocks <n>', 'stop after this many simulated blocks with transactions')
    .option('--out <dir>', 'write DIR/live.json: simulated → live transaction hashes and blocks')
    .action(async (options: LiveOptions) => {
      let printed = 0
      const onProgress = (p: LiveProgress) => {
        if (p.seconds - printed < 2) return
        printed = p.seconds
        context.stderr.write(
          `sim live: block ${p.simBlock} of ${p.lastSimBlock} → live ${p.liveBlock}, ${p.txs} txs in ${p.blocks} blocks, ${p.seconds.toFixed(0)} s\n`,
        )
      }
      const record = await playLive({
        scenario: options.scenario,
        seed: number(options.seed, '--seed'),
        scale: number(options.scale, '--scale'),
        benignShare: number(options.benignShare, '--benign-share'),
        rpcUrl: options.rpc,
        speed: options.speed === 'max' ? 0 : number(options.speed, '--speed'),
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(options.maxBlocks === undefined
          ? {}
          : { maxBlocks: number(options.maxBlocks, '--max-blocks') }),
        onProgress,
      })
      const rate = record.seconds > 0 ? record.txs / record.seconds : 0
      if (context.json) {
        const { txMap: _t, blockMap: _b, ...summary } = record
        context.print(JSON.stringify({ ...summary, txPerSecond: rate }))
        return
      }
      context.print(
        `${record.txs.toLocaleString('en-US')} transactions in ${record.blocks.toLocaleString('en-US')} blocks in ${record.seconds.toFixed(1)} s (${rate.toFixed(0)} tx/s), chain ${record.chainId}, time offset ${record.timeOffset} s`,
      )
    })
}

function number(text: string, flag: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new ChainwatchError('input.invalid', `${flag} must be a number, got "${text}".`)
  }
  return value
}
