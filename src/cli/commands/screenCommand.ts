import { Command } from 'commander'
import {
  MAX_HOPS,
  type ScreeningResult,
  screenAddresses,
  toJsonResults,
} from '../../screening/index.js'
import { type CliContext, withStore } from '../withStore.js'

/** `chainwatch screen ADDRESS...`: direct designations and n-hop exposure. */
export function screenCommand(context: CliContext): Command {
  return new Command('screen')
    .description(
      'Screen addresses against the loaded lists: direct designations, and exposure up to --hops hops over the imported value flows',
    )
    .argument('<addresses...>', 'addresses (Bitcoin, EVM or Tron; the chain is detected)')
    .option('--hops <n>', `hops of indirect exposure, 0 to ${MAX_HOPS}`, '2')
    .option('--hub-limit <n>', 'counterparties followed per address and direction', '100')
    .action(async (addresses: string[], options: { hops: string; hubLimit: string }) => {
      await withStore(context, async (store) => {
        const results = await screenAddresses(
          { store },
          {
            addresses,
            hops: Number(options.hops),
            hubLimit: Number(options.hubLimit),
          },
        )
        if (context.json)
          context.print(JSON.stringify({ results: toJsonResults(results) }, null, 2))
        else for (const result of results) context.print(render(result))
      })
    })
}

function render(result: ScreeningResult): string {
  if ('error' in result) return `${result.input}\n  error: ${result.error.message}`
  const lines = [
    `${result.address} (${result.chain})`,
    `  risk: ${result.risk.level.toUpperCase()} — ${result.risk.rule}`,
  ]
  for (const d of result.direct) {
    const programmes = d.programmes.length > 0 ? ` [${d.programmes.join(', ')}]` : ''
    lines.push(
      `  listed: ${d.category} on ${d.list}${d.entity ? `: ${d.entity}` : ''}${programmes} (confidence ${d.confidence}, since ${d.since.slice(0, 10)})`,
    )
  }
  for (const e of result.exposures.slice(0, 20)) {
    lines.push(
      `  ${e.direction} ${e.hops} hop${e.hops === 1 ? '' : 's'}: ${e.category} ${e.address}${e.entity ? ` (${e.entity})` : ''}, ${e.amount} ${e.asset}, via ${e.path.join(' → ')}`,
    )
  }
  if (result.exposures.length > 20)
    lines.push(`  … ${result.exposures.length - 20} more exposures (--json)`)
  for (const c of result.capped) {
    lines.push(
      `  capped: ${c.address} has ${c.counterparties} ${c.direction} counterparties; followed ${c.followed}`,
    )
  }
  return lines.join('\n')
}
