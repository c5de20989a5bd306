import { Command } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import {
  type IngestBtcProgress,
  type IngestBtcSummary,
  ingestBlocksDir,
  ingestBtc,
} from '../../ingest/index.js'
import { type CliContext, withStore } from '../withStore.js'

type BtcOptions = {
  rpc?: string
  rpcCookie?: string
  blocksDir?: string
  from?: string
  to?: string
  verbosity: string
  batch: string
  concurrency: string
  follow: boolean
  confirmations: string
  poll: string
  timeout: string
  retries: string
}

/** `chainwatch ingest btc`: Bitcoin blocks from a Bitcoin Core node (JSON-RPC) or its blk*.dat files. */
export function ingestBtcCommand(context: CliContext): Command {
  return new Command('btc')
    .description(
      'Ingest Bitcoin from a Bitcoin Core node: blocks, transactions, inputs and outputs over JSON-RPC (getblock verbosity 3, or 2 with inputs resolved from the store), or the node’s blk*.dat files; checkpointed per block range, reorganisations rolled back',
    )
    .option('--rpc <url>', 'Bitcoin Core JSON-RPC endpoint, http://user:password@host:8332')
    .option('--rpc-cookie <file>', "the node's .cookie file, when the URL carries no user")
    .option('--blocks-dir <dir>', "read the node's blocks directory (blk*.dat) instead of RPC")
    .option('--from <block>', 'first block when the chain has no checkpoint yet (default 0)')
    .option('--to <block>', 'last block (default: the node tip less --confirmations)')
    .option('--verbosity <2|3>', 'getblock verbosity: 3 needs Bitcoin Core 23+', '3')
    .option('--batch <blocks>', 'blocks per database transaction', '20')
    .option('--concurrency <blocks>', 'getblock calls in flight', '4')
    .option('--follow', 'keep polling for new blocks until interrupted', false)
    .option('--confirmations <n>', 'blocks kept back from the node tip', '0')
    .option('--poll <seconds>', 'poll interval with --follow', '10')
    .option('--timeout <seconds>', 'per HTTP request', '60')
    .option('--retries <n>', 'retries on timeouts, 429, 5xx and a busy node', '5')
    .action(async (options: BtcOptions) => {
      if ((options.rpc === undefined) === (options.blocksDir === undefined)) {
        throw new ChainwatchError('input.invalid', 'Give either --rpc or --blocks-dir.', {
          meta: { option: '--rpc / --blocks-dir' },
        })
      }
      await withStore(context, async (store) => {
        if (options.blocksDir !== undefined) {
          const result = await ingestBlocksDir(
            { store },
            { directory: options.blocksDir, batchSize: integer(options.batch, '--batch') },
          )
          if (context.json) context.print(JSON.stringify(result, null, 2))
          else {
            const resumed = result.resumedAfter > 0 ? `, resumed after ${result.resumedAfter}` : ''
            context.print(
              `Ingested ${result.blocks.toLocaleString('en-US')} blocks from ${result.files} block file(s) in ${result.directory} (best chain: ${result.chainBlocks.toLocaleString('en-US')} blocks to height ${result.tipHeight ?? '–'}, ${result.skipped} stale or unlinked left out${resumed}); ${result.resolved.inputs} inputs resolved, in ${(result.durationMs / 1000).toFixed(1)} s`,
            )
          }
          return
        }
        const verbosity = integer(options.verbosity, '--verbosity')
        if (verbosity !== 2 && verbosity !== 3) {
          throw new ChainwatchError('input.invalid', `--verbosity ${verbosity} is not 2 or 3.`, {
            meta: { option: '--verbosity', input: options.verbosity },
          })
        }
        // Ctrl-C while following stops after the batch being written, never inside it.
        const stop = new AbortController()
        const onSignal = () => stop.abort()
        process.once('SIGINT', onSignal)
        process.once('SIGTERM', onSignal)
        const progress = createProgress(context.stderr)
        try {
          const summary = await ingestBtc(
            { store },
            {
              rpcUrl: options.rpc ?? '',
              verbosity,
              batchSize: integer(options.batch, '--batch'),
              concurrency: integer(options.concurrency, '--concurrency'),
              follow: options.follow,
              confirmations: integer(options.confirmations, '--confirmations'),
              pollMs: integer(options.poll, '--poll') * 1000,
              timeoutMs: integer(options.timeout, '--timeout') * 1000,
              retries: integer(options.retries, '--retries'),
              signal: stop.signal,
              ...(options.rpcCookie === undefined ? {} : { cookieFile: options.rpcCookie }),
              ...(options.from === undefined ? {} : { fromBlock: integer(options.from, '--from') }),
              ...(options.to === undefined ? {} : { toBlock: integer(options.to, '--to') }),
              onProgress: progress.update,
              onNotice: (message) => context.stderr.write(`ingest btc: ${message}\n`),
            },
          )
          progress.done()
          if (context.json) context.print(JSON.stringify(summary, null, 2))
          else context.print(describe(summary))
        } finally {
          process.off('SIGINT', onSignal)
          process.off('SIGTERM', onSignal)
        }
      })
    })
}

/** Blocks/s and lag to the node's tip on stderr: redrawn on a terminal, a line every 10 s otherwise. */
function createProgress(stream: NodeJS.WriteStream) {
  let last = performance.now()
  let drawn = false
  return {
    update(p: IngestBtcProgress) {
      const now = performance.now()
      if (now - last < (stream.isTTY ? 100 : 10_000)) return
      last = now
      const rate = p.blocks / Math.max(0.001, p.elapsedMs / 1000)
      const line = `ingest btc: block ${p.block}, ${p.nodeTip - p.block} behind the node tip ${p.nodeTip}, ${rate.toFixed(1)} blocks/s`
      if (stream.isTTY) {
        stream.write(`\r${line}\x1b[K`)
        drawn = true
      } else stream.write(`${line}\n`)
    },
    done() {
      if (drawn) stream.write('\r\x1b[K')
    },
  }
}

function describe(s: IngestBtcSummary): string {
  if (s.firstBlock === null) {
    return `Bitcoin is already ingested up to the node's tip ${s.nodeTip} (or --to) from ${s.endpoint}.`
  }
  const seconds = s.durationMs / 1000
  const reorgs = s.reorgs.map((r) => `${r.blocks} block(s) from ${r.fromHeight}`).join(', ')
  return [
    `Ingested bitcoin blocks ${s.firstBlock}–${s.lastBlock} from ${s.endpoint} (getblock verbosity ${s.verbosity}) in ${seconds.toFixed(1)} s (${(s.blocks / Math.max(seconds, 0.001)).toFixed(1)} blocks/s):`,
    `  ${s.transactions.toLocaleString('en-US')} transactions, ${s.inputs.toLocaleString('en-US')} inputs, ${s.outputs.toLocaleString('en-US')} outputs; ${s.resolvedInputs} inputs resolved from the store; ${s.requests} requests, ${s.retries} retries`,
    ...(reorgs === '' ? [] : [`  reorganisations rolled back: ${reorgs}`]),
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
