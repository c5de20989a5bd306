import { Command, Option } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import { type IngestEvmProgress, type IngestEvmSummary, ingestEvm } from '../../ingest/index.js'
import { type CliContext, withStore } from '../withStore.js'

type EvmOptions = {
  rpc: string
  from?: string
  to?: string
  chain: string
  batch: string
  concurrency: string
  rate?: string
  traces: 'auto' | 'geth' | 'parity' | 'none'
  bridgeRouter: string[]
  timeout: string
  retries: string
  follow?: boolean
  confirmations: string
  pollMs: string
  maxReorgDepth: string
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** `chainwatch ingest evm`: blocks, transfers, swaps and bridge deposits from a JSON-RPC node. */
export function ingestEvmCommand(context: CliContext): Command {
  return new Command('evm')
    .description(
      'Ingest an EVM chain from a JSON-RPC node: blocks, transactions (status, fee), native, internal (traces) and ERC-20 transfers, Uniswap V2/V3 swaps and THORChain-router deposits; resumes after the highest stored block, rolls back reorganisations, and with --follow keeps up with the node',
    )
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint (http or https)')
    .option('--from <block>', 'first block (default 0)')
    .option('--to <block>', 'last block (default: the latest block less --confirmations)')
    .option('--chain <chain>', 'chain the node serves', 'ethereum')
    .option('--batch <blocks>', 'blocks per database transaction', '100')
    .option('--concurrency <blocks>', 'blocks fetched at once', '8')
    .option('--rate <calls>', 'JSON-RPC calls per second, at most (default: no limit)')
    .addOption(
      new Option('--traces <method>', 'internal transfers from: ask the node, or force one')
        .choices(['auto', 'geth', 'parity', 'none'])
        .default('auto'),
    )
    .option(
      '--bridge-router <address>',
      'only Deposit logs of this router are bridge deposits (repeatable; default: any emitter)',
      collect,
      [],
    )
    .option('--timeout <seconds>', 'per HTTP request', '60')
    .option('--retries <n>', 'retries on timeouts, 429 and 5xx', '5')
    .option('--follow', 'after catching up, keep polling for new blocks (stop: SIGINT/SIGTERM)')
    .option('--confirmations <n>', 'only ingest blocks this deep below the node tip', '0')
    .option('--poll-ms <ms>', 'with --follow: wait between polls of the node tip', '2000')
    .option('--max-reorg-depth <blocks>', 'deeper reorganisations stop the run', '128')
    .action(async (options: EvmOptions) => {
      const progress = createProgress(context.stderr)
      const stop = new AbortController()
      const onSignal = (name: string) => () => {
        context.stderr.write(`ingest evm: ${name}: stopping after the current batch commits\n`)
        stop.abort()
      }
      const onInt = onSignal('SIGINT')
      const onTerm = onSignal('SIGTERM')
      process.once('SIGINT', onInt)
      process.once('SIGTERM', onTerm)
      try {
        await withStore(context, async (store) => {
          const summary = await ingestEvm(
            { store },
            {
              rpcUrl: options.rpc,
              chain: options.chain,
              batchSize: integer(options.batch, '--batch'),
              concurrency: integer(options.concurrency, '--concurrency'),
              traces: options.traces,
              timeoutMs: integer(options.timeout, '--timeout') * 1000,
              retries: integer(options.retries, '--retries'),
              follow: options.follow === true,
              confirmations: integer(options.confirmations, '--confirmations'),
              pollMs: integer(options.pollMs, '--poll-ms'),
              maxReorgDepth: integer(options.maxReorgDepth, '--max-reorg-depth'),
              signal: stop.signal,
              ...(options.from === undefined ? {} : { fromBlock: integer(options.from, '--from') }),
              ...(options.to === undefined ? {} : { toBlock: integer(options.to, '--to') }),
              ...(options.rate === undefined ? {} : { rate: Number(options.rate) }),
              ...(options.bridgeRouter.length === 0 ? {} : { bridgeRouters: options.bridgeRouter }),
              onProgress: progress.update,
              onNotice: (message) => {
                progress.clear()
                context.stderr.write(`ingest evm: ${message}\n`)
              },
            },
          )
          progress.clear()
          if (context.json) context.print(JSON.stringify(summary, bigintsAsText, 2))
          else context.print(describe(summary))
        })
      } finally {
        process.off('SIGINT', onInt)
        process.off('SIGTERM', onTerm)
      }
    })
}

/**
 * Blocks/s and lag to the node's tip on stderr: a bar redrawn in place on a terminal, otherwise
 * a line every 5 s (never one per block).
 */
function createProgress(stream: NodeJS.WriteStream) {
  let last = performance.now()
  let drawn = false
  let window = { at: performance.now(), blocks: 0 }
  return {
    update(p: IngestEvmProgress) {
      const now = performance.now()
      if (now - last < (stream.isTTY ? 200 : 5_000)) return
      last = now
      const seconds = Math.max(0.001, (now - window.at) / 1000)
      const rate = (p.blocks - window.blocks) / seconds
      window = { at: now, blocks: p.blocks }
      const lag = Math.max(0, p.nodeTip - p.block)
      const line = `ingest evm: block ${p.block.toLocaleString('en-US')}, ${p.blocks.toLocaleString('en-US')} blocks this run, ${rate.toFixed(1)} blocks/s, ${lag.toLocaleString('en-US')} behind the node (tip ${p.nodeTip})`
      if (stream.isTTY) {
        const span = Math.max(1, p.nodeTip - p.fromBlock + 1)
        const done = Math.min(1, (p.block - p.fromBlock + 1) / span)
        const bar = `[${'#'.repeat(Math.round(done * 20)).padEnd(20, '.')}]`
        stream.write(`\r${bar} ${line}\x1b[K`)
        drawn = true
      } else stream.write(`${line}\n`)
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K')
      drawn = false
    },
  }
}

function describe(s: IngestEvmSummary): string {
  const reorgs =
    s.reorgs.length === 0
      ? []
      : [
          `  ${s.reorgs.length} reorganisation(s) rolled back: ${s.reorgs.map((r) => `${r.depth} block(s) after ${r.forkPoint} (${r.rolledBack.transfers} transfers)`).join('; ')}`,
        ]
  if (s.startedAt === null) {
    return [
      `${s.chain} is ingested up to block ${s.storeTip ?? 'none'} (node tip ${s.nodeTip}); nothing new.`,
      ...reorgs,
    ].join('\n')
  }
  const seconds = s.durationMs / 1000
  return [
    `Ingested ${s.chain} blocks ${s.startedAt}–${s.storeTip} from ${s.endpoint} in ${seconds.toFixed(1)} s (${(s.blocks / Math.max(seconds, 0.001)).toFixed(1)} blocks/s):`,
    `  ${s.transactions.toLocaleString('en-US')} transactions; transfers: ${s.transfers.native} native, ${s.transfers.internal} internal, ${s.transfers.token} token; ${s.swaps} swaps (${s.unresolvedSwaps} unresolved), ${s.bridgeDeposits} bridge deposits`,
    ...reorgs,
    `  receipts via ${s.receiptsMethod}, internal transfers via ${s.tracesMethod ?? 'nothing (missing)'}; ${s.requests} calls, ${s.retries} retries`,
  ].join('\n')
}

function integer(text: string, option: string): number {
  if (!/^\d+$/.test(text)) {
    throw new ChainwatchError('input.invalid', `${option} ${text} is not a whole number.`, {
      meta: { option, input: text },
    })
  }
  return Number(text)
}

function bigintsAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}
