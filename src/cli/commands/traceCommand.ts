import { Command, Option } from 'commander'
import { parseChainId } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { categories } from '../../screening/index.js'
import {
  canonicalJson,
  parseTraceChains,
  renderGraphml,
  renderHtml,
  type StoreTrace,
  seedChain,
  type TraceChains,
  type TraceSeed,
  traceStore,
} from '../../tracing/index.js'
import { type CliContext, withStore } from '../withStore.js'
import { collect, traceLimits, wholeNumber } from './traceOptions.js'

type TraceOptions = {
  chain: string
  fromTx: string[]
  from: string[]
  since?: string
  asset?: string
  bridgeWindow?: string
  policy: 'poison' | 'haircut' | 'fifo'
  hops?: string
  dust: string
  stop: string[]
  fromBlock?: string
  toBlock?: string
  format: 'json' | 'text' | 'html' | 'graphml'
}

/** `chainwatch trace`: follow tainted value forward under a published policy. */
export function traceCommand(context: CliContext): Command {
  return new Command('trace')
    .description(
      'Follow tainted value forward from seeds under poison, haircut or fifo (docs/tracing.md)',
    )
    .option(
      '--chain <chain>',
      'chains to trace: all (ethereum, then bitcoin through bridge deposits), ethereum, bitcoin, or a comma list',
      'all',
    )
    .option(
      '--from-tx <hash[:position|:index]>',
      'seed: the value moved by a transaction (or one transfer of it; bitcoin: one output of it)',
      collect,
      [],
    )
    .option(
      '--from <address[@block]>',
      'seed: what the address holds at that block (or --since) and receives later',
      collect,
      [],
    )
    .option('--since <block>', 'the block of --from seeds given without @BLOCK')
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
    .option(
      '--bridge-window <seconds>',
      'how long after a bridge deposit to look for its payout (default 86400)',
    )
    .addOption(
      new Option('--format <format>', 'output format (the global --json means json)')
        .choices(['json', 'text', 'html', 'graphml'])
        .default('text'),
    )
    .action(async (options: TraceOptions) => {
      const chain = parseTraceChains(options.chain, parseChainId)
      const seeds: TraceSeed[] = [
        ...options.fromTx.map((seed) => txSeed(chain, seed)),
        ...options.from.map((seed) => addressSeed(chain, seed, options)),
      ]
      if (seeds.length === 0) {
        throw new ChainwatchError(
          'input.invalid',
          'Give at least one seed: --from-tx HASH, --from ADDRESS --since BLOCK or --from ADDRESS@BLOCK.',
        )
      }
      await withStore(context, async (store) => {
        const trace = await traceStore(
          { store },
          {
            chain,
            seeds,
            policy: options.policy,
            ...traceLimits(options),
            ...(options.bridgeWindow === undefined
              ? {}
              : { bridgeWindowSeconds: wholeNumber(options.bridgeWindow, '--bridge-window') }),
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

/**
 * `--from ADDRESS@BLOCK`, or `--from ADDRESS` with `--since BLOCK`. Over several chains a 20-byte
 * hex address is ethereum, any other bitcoin.
 */
function addressSeed(
  chains: TraceChains,
  seed: string,
  options: Pick<TraceOptions, 'since' | 'asset'>,
): TraceSeed {
  const at = seed.lastIndexOf('@')
  const address = at < 0 ? seed : seed.slice(0, at)
  const block = at < 0 ? options.since : seed.slice(at + 1)
  if (block === undefined || !/^\d+$/.test(block)) {
    throw new ChainwatchError(
      'input.invalid',
      `Seed "${seed}" needs a block: --from ADDRESS --since BLOCK, or ADDRESS@BLOCK.`,
      { meta: { seed, since: options.since } },
    )
  }
  const chain = seedChain(chains, { address })
  return {
    kind: 'address',
    chain,
    // Base58 and bech32 Bitcoin addresses are kept as given (base58 is case-sensitive).
    address: chain === 'bitcoin' ? address : address.toLowerCase(),
    sinceBlock: Number(block),
    ...(options.asset === undefined ? {} : { asset: options.asset.toLowerCase() }),
  }
}

/**
 * `--from-tx`: a transfer seed (ethereum, HASH[:POSITION]) or an output seed (bitcoin,
 * TXID[:INDEX]); over several chains a `0x` hash is ethereum, any other bitcoin.
 */
function txSeed(chains: TraceChains, seed: string): TraceSeed {
  // Transaction hashes are hex on both chains, so lowercasing is safe.
  const [txHash = '', position] = seed.toLowerCase().split(':')
  const chain = seedChain(chains, { txHash })
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
    `${manifest.policy} trace over ${manifest.events} events (${manifest.blocks.map((b) => `${b.chain} blocks ${b.first}–${b.last}`).join(', ') || 'no chain read'})`,
    `  seeded ${t.seeded}, held ${t.held}, at stops ${t.stops}, dust ${t.dust}, hop limit ${t.hopLimit}, burned ${t.burned}`,
    `  swapped in ${t.swappedIn}, swapped out ${t.swappedOut}, bridged ${t.bridged}, unmatched swaps ${manifest.unmatchedSwaps}`,
    `  endpoints: ${result.endpoints.length}`,
  ]
  if (manifest.skipped !== null)
    lines.push(
      `  skipped transactions (unknown input value): ${manifest.skipped}, of which spending taint: ${manifest.lostSpends}`,
    )
  for (const e of result.endpoints.slice(0, 20)) {
    const who = [e.label ?? e.entity, e.category, e.list && `list ${e.list}`].filter(Boolean)
    lines.push(
      `    ${e.address} ${e.asset}: ${e.absorbed} (hop ${e.hop})${who.length > 0 ? ` [${who.join(', ')}]` : ''}`,
    )
  }
  lines.push(`  cross-chain links: ${result.links.length}`)
  for (const l of result.links.slice(0, 20)) {
    const out =
      l.outbound === null
        ? 'no payout found'
        : `→ ${l.outbound.chain} ${l.outbound.txHash}:${l.outbound.outputIndex} ${l.outbound.value} after ${l.timeDelta} s, seeded ${l.seeded}`
    lines.push(
      `    ${l.txHash} ${l.asset} ${l.tainted} of ${l.amount} to ${l.destinationAsset ?? '?'} ${l.destinationAddress ?? '?'} ${out} (confidence ${l.confidence})`,
    )
  }
  lines.push(`  holders with taint: ${result.holdings.filter((h) => h.held > 0n).length}`)
  lines.push(`  sha256 ${manifest.sha256}`)
  return lines.join('\n')
}
