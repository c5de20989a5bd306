import { Command } from 'commander'
import type { ChainStats } from '../../store/index.js'
import { type CliContext, withStore } from '../withStore.js'

/** `chainwatch stats`: per-chain counts and per-asset sums, to reconcile imports. */
export function statsCommand(context: CliContext): Command {
  return new Command('stats')
    .description('Print per-chain counts and per-asset summed amounts (base units)')
    .action(async () => {
      await withStore(context, async (store) => {
        const chains = await store.stats()
        if (context.json) {
          context.print(JSON.stringify({ chains }, null, 2))
          return
        }
        if (chains.length === 0) context.print('The store holds no chain data yet.')
        for (const stats of chains) context.print(render(stats))
      })
    })
}

function render(s: ChainStats): string {
  const counts = [
    'blocks',
    'transactions',
    'inputs',
    'outputs',
    'native_transfers',
    'internal_transfers',
    'token_transfers',
    'swaps',
    'bridge_deposits',
    'addresses',
  ] as const
  const lines: string[] = [s.chain]
  for (const key of counts) lines.push(`  ${key.padEnd(20)} ${s[key].toLocaleString('en-US')}`)
  for (const [asset, amount] of Object.entries(s.assets))
    lines.push(`  sum ${asset.padEnd(44)} ${amount}`)
  return lines.join('\n')
}
