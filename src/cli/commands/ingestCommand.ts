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
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** `chainwatch ingest evm`: blocks, transfers, swaps and bridge deposits from a JSON-RPC node. */
export function ingestCommand(context: CliContext): Command {
  const ingest = new Command('ingest').description('Ingest chain data from a node')
  ingest.addCommand(
    new Command('evm')
      .description(
        'Ingest an EVM chain from a JSON-RPC node: blocks, transactions (status, fee), native, internal (traces) and ERC-20 transfers, Uniswap V2/V3 swaps and THORChain-router deposits; checkpointed per block range, so a restart resumes',
      )
      .requiredOption('--rpc <url>', 'JSON-RPC endpoint (http or https)')
      .option('--from <block>', 'first block (default 0)')
      .option('--to <block>', 'last block (default: the latest block when the run starts)')
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
      .action(async (options: EvmOptions) => {
        const progress = createProgress(context.stderr)
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
              ...(options.from === undefined ? {} : { fromBlock: integer(options.from, '--from') }),
              ...(options.to === undefined ? {} : { toBlock: integer(options.to, '--to') }),
              ...(options.rate === undefined ? {} : { rate: Number(options.rate) }),
              ...(options.bridgeRouter.length === 0 ? {} : { bridgeRouters: options.bridgeRouter }),
              onProgress: progress.update,
              onNotice: (message) => context.stderr.write(`ingest evm: ${message}\n`),
            },
          )
          progress.done()
          if (context.json) context.print(JSON.stringify(summary, bigintsAsText, 2))
          else context.print(describe(summary))
        })
      }),
  )
  return ingest
}

/** Blocks/s on stderr: redrawn in place on a terminal, a line every 10 s otherwise. */
function createProgress(stream: NodeJS.WriteStream) {
  let last = performance.now()
  let drawn = false
  return {
    update(p: IngestEvmProgress) {
      const now = performance.now()
      if (now - last < (stream.isTTY ? 100 : 10_000)) return
      last = now
      const rate = p.blocks / Math.max(0.001, p.elapsedMs / 1000)
      const line = `ingest evm: block ${p.block} of ${p.fromBlock}–${p.toBlock}, ${p.blocks.toLocaleString('en-US')} blocks, ${rate.toFixed(1)} blocks/s`
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

function describe(s: IngestEvmSummary): string {
  if (s.startedAt === null) {
    return `Blocks ${s.fromBlock}–${s.toBlock} of ${s.chain} are already ingested (checkpoint ${s.source}).`
  }
  const seconds = s.durationMs / 1000
  return [
    `Ingested ${s.chain} blocks ${s.startedAt}–${s.toBlock} from ${s.endpoint} in ${seconds.toFixed(1)} s (${(s.blocks / Math.max(seconds, 0.001)).toFixed(1)} blocks/s):`,
    `  ${s.transactions.toLocaleString('en-US')} transactions; transfers: ${s.transfers.native} native, ${s.transfers.internal} internal, ${s.transfers.token} token; ${s.swaps} swaps (${s.unresolvedSwaps} unresolved), ${s.bridgeDeposits} bridge deposits`,
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
