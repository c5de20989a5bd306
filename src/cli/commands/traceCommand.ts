import { Command, Option } from 'commander'
import { type ChainId, parseChainId } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { type Category, categories } from '../../screening/index.js'
import {
  canonicalJson,
  renderGraphml,
  renderHtml,
  type StoreTrace,
  type TraceSeed,
  traceStore,
} from '../../tracing/index.js'
import { type CliContext, withStore } from '../withStore.js'

type TraceOptions = {
  chain: string
  fromTx: string[]
  from: string[]
  asset?: string
  policy: 'poison' | 'haircut' | 'fifo'
  hops?: string
  dust: string
  stop: string[]
  fromBlock?: string
  toBlock?: string
  format: 'json' | 'text' | 'html' | 'graphml'
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** `chainwatch trace`: follow tainted value forward under a published policy. */
export function traceCommand(context: CliContext): Command {
  return new Command('trace')
    .description(
      'Follow tainted value forward from seeds under poison, haircut or fifo (docs/tracing.md)',
    )
    .option('--chain <chain>', 'chain to trace', 'ethereum')
    .option(
      '--from-tx <hash[:position|:index]>',
      'seed: the value moved by a transaction (or one transfer of it; bitcoin: one output of it)',
      collect,
      [],
    )
    .option(
      '--from <address@block>',
      'seed: what the address holds at that block and receives later',
      collect,
      [],
    )
    .option('--asset <asset>', 'address seeds: only this asset (native or a token contract)')
    .addOption(
      new Option('--policy <policy>', 'taint policy')
        .choices(['poison', 'haircut', 'fifo'])
        .default('haircut'),
    )
    .option('--hops <n>', 'stop after this many hops')
    .option('--dust <amount>', 'do not follow tainted amounts below this (base units)', '0')
    .option(
      '--stop <category>',
      `designation category where taint stops, repeatable (${categories.join(', ')}; default exchange)`,
      collect,
      [],
    )
    .option('--from-block <n>', 'first block of the window')
    .option('--to-block <n>', 'last block of the window')
    .addOption(
      new Option('--format <format>', 'output format (the global --json means json)')
        .choices(['json', 'text', 'html', 'graphml'])
        .default('text'),
    )
    .action(async (options: TraceOptions) => {
      const chain = parseChainId(options.chain)
      const seeds: TraceSeed[] = [
        ...options.fromTx.map((seed) => txSeed(chain, seed)),
        ...options.from.map((seed): TraceSeed => {
          const [address = '', block = ''] = seed.split('@')
          if (!/^\d+$/.test(block)) {
            throw new ChainwatchError('input.invalid', `Seed "${seed}" is not ADDRESS@BLOCK.`, {
              meta: { seed },
            })
          }
          return {
            kind: 'address',
            chain,
            // Base58 and bech32 Bitcoin addresses are kept as given (base58 is case-sensitive).
            address: chain === 'bitcoin' ? address : address.toLowerCase(),
            sinceBlock: Number(block),
            ...(options.asset === undefined ? {} : { asset: options.asset.toLowerCase() }),
          }
        }),
      ]
      if (seeds.length === 0) {
        throw new ChainwatchError(
          'input.invalid',
          'Give at least one seed: --from-tx HASH or --from ADDRESS@BLOCK.',
        )
      }
      await withStore(context, async (store) => {
        const trace = await traceStore(
          { store },
          {
            chain,
            seeds,
            policy: options.policy,
            dust: BigInt(options.dust),
            ...(options.stop.length > 0 ? { stopCategories: options.stop.map(toCategory) } : {}),
            ...(options.hops === undefined ? {} : { maxHops: Number(options.hops) }),
            ...(options.fromBlock === undefined ? {} : { fromBlock: Number(options.fromBlock) }),
            ...(options.toBlock === undefined ? {} : { toBlock: Number(options.toBlock) }),
          },
        )
        const format = context.json ? 'json' : options.format
        if (format === 'json')
          context.print(JSON.stringify(JSON.parse(canonicalJson(trace)), null, 2))
        else if (format === 'html') context.print(renderHtml(trace))
        else if (format === 'graphml') context.print(renderGraphml(trace))
        else context.print(render(trace))
      })
    })
}

/** `--from-tx`: a transfer seed (ethereum, HASH[:POSITION]) or an output seed (bitcoin, TXID[:INDEX]). */
function txSeed(chain: ChainId, seed: string): TraceSeed {
  // Transaction hashes are hex on both chains, so lowercasing is safe.
  const [txHash = '', position] = seed.toLowerCase().split(':')
  if (chain !== 'bitcoin') {
    return { kind: 'transfer', chain, txHash, ...(position === undefined ? {} : { position }) }
  }
  if (position !== undefined && !/^\d+$/.test(position)) {
    throw new ChainwatchError('input.invalid', `Seed "${seed}" is not TXID[:OUTPUT_INDEX].`, {
      meta: { seed },
    })
  }
  return {
    kind: 'output',
    chain,
    txHash,
    ...(position === undefined ? {} : { outputIndex: Number(position) }),
  }
}

function render({ manifest, result }: StoreTrace): string {
  const t = result.totals
  const lines = [
    `${manifest.policy} trace over ${manifest.events} events (blocks ${manifest.blocks.map((b) => `${b.first}–${b.last}`).join(', ')})`,
    `  seeded ${t.seeded}, held ${t.held}, at stops ${t.stops}, dust ${t.dust}, hop limit ${t.hopLimit}, burned ${t.burned}`,
    `  endpoints: ${result.endpoints.length}`,
  ]
  if (manifest.skipped !== null)
    lines.push(
      `  skipped transactions (unknown input value): ${manifest.skipped}, of which spending taint: ${manifest.lostSpends}`,
    )
  for (const e of result.endpoints.slice(0, 20))
    lines.push(`    ${e.address} ${e.asset}: ${e.absorbed} (hop ${e.hop})`)
  lines.push(`  holders with taint: ${result.holdings.filter((h) => h.held > 0n).length}`)
  lines.push(`  sha256 ${manifest.sha256}`)
  return lines.join('\n')
}

function toCategory(value: string): Category {
  const match = categories.find((c) => c === value)
  if (match === undefined) {
    throw new ChainwatchError('input.invalid', `"${value}" is not a category.`, {
      meta: { input: value, allowed: categories.join(', ') },
    })
  }
  return match
}
