import { Command, Option } from 'commander'
import { type ChainId, parseChainId } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { categories } from '../../screening/index.js'
import {
  type BackwardTarget,
  canonicalJson,
  type StoreBackwardTrace,
  traceStoreBackward,
} from '../../tracing/index.js'
import { type CliContext, withStore } from '../withStore.js'
import { collect, traceLimits } from './traceOptions.js'

type TraceBackOptions = {
  chain: string
  to: string[]
  toTx: string[]
  asset?: string
  policy: 'poison' | 'haircut' | 'fifo'
  hops?: string
  dust: string
  stop: string[]
  fromBlock?: string
  toBlock?: string
}

/** `chainwatch trace-back`: where the value at an address, transfer or output came from. */
export function traceBackCommand(context: CliContext): Command {
  return new Command('trace-back')
    .description(
      'Trace backward: where the value held by an address (or moved by a transaction) came from, under poison, haircut or fifo (docs/tracing.md)',
    )
    .option('--chain <chain>', 'chain to trace: ethereum or bitcoin', 'ethereum')
    .option('--to <address>', 'target: what the address holds at the end', collect, [])
    .option(
      '--to-tx <hash[:position|:index]>',
      'target: the value a transaction moved (one transfer of it; bitcoin: one output of it)',
      collect,
      [],
    )
    .option('--asset <asset>', 'address targets: only this asset (native or a token contract)')
    .addOption(
      new Option('--policy <policy>', 'taint policy')
        .choices(['poison', 'haircut', 'fifo'])
        .default('haircut'),
    )
    .option('--hops <n>', 'go back at most this many hops')
    .option('--dust <amount>', 'do not follow amounts below this back (base units)', '0')
    .option(
      '--stop <category>',
      `designation category where tracing back stops, repeatable (${categories.join(', ')}; default exchange)`,
      collect,
      [],
    )
    .option('--from-block <n>', 'first block of the window')
    .option('--to-block <n>', 'last block of the window (the holdings explained are those then)')
    .action(async (options: TraceBackOptions) => {
      const chain = parseChainId(options.chain)
      const targets: BackwardTarget[] = [
        ...options.to.map((address) => addressTarget(chain, address, options.asset)),
        ...options.toTx.map((target) => txTarget(chain, target)),
      ]
      if (targets.length === 0) {
        throw new ChainwatchError(
          'input.invalid',
          'Give at least one target: --to ADDRESS or --to-tx HASH[:POSITION].',
        )
      }
      await withStore(context, async (store) => {
        const trace = await traceStoreBackward(
          { store },
          {
            chain,
            targets,
            policy: options.policy,
            ...traceLimits(options),
          },
        )
        if (context.json) context.print(JSON.stringify(JSON.parse(canonicalJson(trace)), null, 2))
        else context.print(render(trace))
      })
    })
}

function addressTarget(chain: ChainId, address: string, asset: string | undefined): BackwardTarget {
  return {
    kind: 'address',
    chain,
    // Base58 Bitcoin addresses are case-sensitive: kept as given.
    address: chain === 'bitcoin' ? address : address.toLowerCase(),
    ...(asset === undefined ? {} : { asset: asset.toLowerCase() }),
  }
}

function txTarget(chain: ChainId, target: string): BackwardTarget {
  const [txHash = '', part] = target.toLowerCase().split(':')
  if (chain !== 'bitcoin') {
    return { kind: 'transfer', chain, txHash, ...(part === undefined ? {} : { position: part }) }
  }
  if (part !== undefined && !/^\d+$/.test(part)) {
    throw new ChainwatchError('input.invalid', `Target "${target}" is not TXID[:OUTPUT_INDEX].`, {
      meta: { target },
    })
  }
  return {
    kind: 'output',
    chain,
    txHash,
    ...(part === undefined ? {} : { outputIndex: Number(part) }),
  }
}

function render({ manifest, result }: StoreBackwardTrace): string {
  const t = result.totals
  const lines = [
    `${manifest.policy} backward trace over ${manifest.events} events (${manifest.blocks.map((b) => `${b.chain} blocks ${b.first}–${b.last}`).join(', ') || 'no chain read'})`,
    `  explained ${t.holding}: origins ${t.origins}, minted ${t.minted}, from stops ${t.stops}, dust ${t.dust}, hop limit ${t.hopLimit}, rounding ${t.rounding}${t.contaminated > 0n ? `, contaminated ${t.contaminated}` : ''}`,
  ]
  if (manifest.skipped !== null)
    lines.push(
      `  skipped transactions (unknown input value): ${manifest.skipped}, touching the trace: ${manifest.lostSpends}`,
    )
  lines.push(`  stops reached: ${result.endpoints.length}`)
  for (const e of result.endpoints.slice(0, 20)) {
    const who = [e.label ?? e.entity, e.category].filter(Boolean)
    lines.push(
      `    ${e.address} ${e.asset}: ${e.absorbed} (hop ${e.hop})${who.length > 0 ? ` [${who.join(', ')}]` : ''}`,
    )
  }
  const sources = [...result.sources].sort((a, b) =>
    a.contributed === b.contributed ? a.hop - b.hop : a.contributed > b.contributed ? -1 : 1,
  )
  lines.push(`  sources: ${sources.length} (largest first)`)
  for (const s of sources.slice(0, 20)) {
    lines.push(
      `    ${s.address} ${s.asset}: contributed ${s.contributed}, of its own ${s.origin} (hop ${s.hop})`,
    )
  }
  lines.push(`  sha256 ${manifest.sha256}`)
  return lines.join('\n')
}
