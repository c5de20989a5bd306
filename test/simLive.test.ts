import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compileSimContracts } from '../scripts/buildSimContracts.js'
import {
  type LiveRecord,
  type ScenarioName,
  type SimCall,
  setupScenario,
  simulateEthereum,
  type TruthStep,
} from '../src/sim/index.js'
import { simContractArtifacts } from '../src/sim/live/contractArtifacts.js'
import { openStore, type Store } from '../src/store/index.js'
import { type Anvil, startAnvil } from './anvil.js'
import { rpc } from './anvilChain.js'
import { cli, createTestDatabaseUrl, runCaptured, type TestDatabaseUrl } from './harness.js'

/**
 * `sim live` plays each scenario onto a fresh anvil; `ingest evm` reads it back. Every transfer,
 * swap and bridge deposit must equal what `sim generate` + `import` gives for the same seed, once
 * transaction hashes and blocks are mapped through live.json (positions may differ: live logs
 * and traces are numbered by the node).
 */

type Run = {
  readonly scenario: ScenarioName
  /** Node clock at genesis (anvil's default is now, which makes live mode shift all times). */
  readonly genesis?: number
  /** Simulated blocks with transactions to play (all when absent). */
  readonly maxBlocks?: number
  /** Share of benign transfers (default 0.3). */
  readonly benignShare?: number
  /** Call kinds the played blocks must include. */
  readonly kinds: readonly SimCall['kind'][]
}

const runs: readonly Run[] = [
  // The node's clock starts before the scenario, so no time offset is needed.
  {
    scenario: 'bybit-2025',
    genesis: 1_740_147_215 - 600,
    kinds: ['native', 'token-transfer', 'swap-tokens-for-eth', 'bridge-deposit'],
  },
  {
    scenario: 'phishing-drainer',
    genesis: 1_702_543_740 - 600,
    kinds: [
      'native',
      'token-transfer',
      'token-approve',
      'swap-tokens-for-eth',
      'drainer-claim',
      'drainer-sweep',
    ],
  },
  // Without background, mixer deposits and withdrawals start within the first 40 blocks; the
  // whole scenario is 6,600 blocks, which anvil mines ever slower as its state grows.
  {
    scenario: 'ronin-2022',
    benignShare: 0,
    maxBlocks: 400,
    kinds: ['native', 'token-transfer', 'swap-tokens-for-eth', 'mixer-deposit', 'mixer-withdraw'],
  },
]
const SEED = 11
const work = mkdtempSync(join(tmpdir(), 'cw-sim-live-'))
const disposables: TestDatabaseUrl[] = []

afterAll(async () => {
  for (const db of disposables) await db.dispose()
  rmSync(work, { recursive: true, force: true })
})

async function withStore<T>(url: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url)
  try {
    return await run(store)
  } finally {
    await store.close()
  }
}

/** Rows per transaction hash, each rendered by `key`, sorted (a multiset per transaction). */
async function byTx<R extends { readonly txHash: string }>(
  pages: AsyncIterable<readonly R[]>,
  key: (row: R) => string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for await (const page of pages) {
    for (const row of page) out.set(row.txHash, [...(out.get(row.txHash) ?? []), key(row)].sort())
  }
  return out
}

type TransferRow = {
  kind: string
  from: string | null
  to: string | null
  asset: string
  amount: bigint
  blockHeight: number
}
const transferKey = (t: TransferRow) => `${t.kind}|${t.from}|${t.to}|${t.asset}|${t.amount}`
const swapKey = (s: {
  protocol: string
  pool: string
  sender: string
  recipient: string
  tokenIn: string
  amountIn: bigint
  tokenOut: string
  amountOut: bigint
}) =>
  `${s.protocol}|${s.pool}|${s.sender}|${s.recipient}|${s.tokenIn}|${s.amountIn}|${s.tokenOut}|${s.amountOut}`
const depositKey = (d: {
  router: string
  vault: string
  depositor: string | null
  asset: string
  amount: bigint
  memo: string
}) => `${d.router}|${d.vault}|${d.depositor}|${d.asset}|${d.amount}|${d.memo}`

/** What a store holds, per transaction: transfers, their blocks, swaps and bridge deposits. */
function readStore(url: string) {
  return withStore(url, async (s) => ({
    transfers: await byTx(s.transfersInOrder({ chain: 'ethereum' }), transferKey),
    blocks: await byTx(s.transfersInOrder({ chain: 'ethereum' }), (t) => `${t.blockHeight}`),
    swaps: await byTx(s.swapsInOrder({ chain: 'ethereum' }), swapKey),
    deposits: await byTx(s.bridgeDepositsInOrder({ chain: 'ethereum' }), depositKey),
  }))
}

describe.each(runs)('sim live $scenario on anvil, ingested back', (run) => {
  const benignShare = run.benignShare ?? 0.3
  const options = [
    '--scenario',
    run.scenario,
    '--seed',
    `${SEED}`,
    '--benign-share',
    `${benignShare}`,
  ]
  const dir = join(work, run.scenario)
  let anvil: Anvil
  let record: LiveRecord
  let file: Awaited<ReturnType<typeof readStore>>
  let live: Awaited<ReturnType<typeof readStore>>
  /** File-mode rows of the played blocks, keyed by the live hash their transaction got. */
  const mapped = (rows: Map<string, string[]>) =>
    new Map(
      [...rows]
        .filter(([hash]) => played.has(hash))
        .map(([hash, list]) => [record.txMap[hash] ?? '', list]),
    )
  let played: Set<string>

  beforeAll(async () => {
    anvil = await startAnvil(run.genesis === undefined ? [] : ['--timestamp', `${run.genesis}`])
    const played_ = await runCaptured([
      '--json',
      'sim',
      'live',
      ...options,
      '--rpc',
      anvil.url,
      '--speed',
      'max',
      '--out',
      join(dir, 'live'),
      ...(run.maxBlocks === undefined ? [] : ['--max-blocks', `${run.maxBlocks}`]),
    ])
    expect(played_.code, played_.stderr).toBe(0)
    record = JSON.parse(readFileSync(join(dir, 'live', 'live.json'), 'utf8')) as LiveRecord
    played = new Set(Object.keys(record.txMap))
    const generated = await runCaptured(['sim', 'generate', ...options, '--out', join(dir, 'file')])
    expect(generated.code, generated.stderr).toBe(0)

    const fileDb = createTestDatabaseUrl('sqlite')
    const liveDb = createTestDatabaseUrl('sqlite')
    disposables.push(fileDb, liveDb)
    const files = readdirSync(join(dir, 'file', 'ethereum')).map((f) =>
      join(dir, 'file', 'ethereum', f),
    )
    const imported = await cli(fileDb.url, ['import', '--strict', ...files])
    expect(imported.code, imported.stderr).toBe(0)
    const ingested = await cli(liveDb.url, ['ingest', 'evm', '--rpc', anvil.url, '--batch', '200'])
    expect(ingested.code, ingested.stderr).toBe(0)
    file = await readStore(fileDb.url)
    live = await readStore(liveDb.url)
  }, 120_000)
  afterAll(() => anvil?.stop())

  test('every simulated transaction of the played blocks was mined at its (shifted) time', async () => {
    expect(record).toMatchObject({ scenario: run.scenario, seed: SEED, chainId: 31337 })
    expect(record.timeOffset > 0).toBe(run.genesis === undefined)
    expect(played.size).toBe(record.txs)
    expect(new Set(Object.values(record.txMap)).size).toBe(record.txs)
    expect(Object.keys(record.blockMap)).toHaveLength(record.blocks)
    if (run.maxBlocks !== undefined) expect(record.blocks).toBe(run.maxBlocks)
    // Exactly the file-mode transactions up to the last played block were played.
    const last = record.lastSimBlock ?? -1
    const upToLast = [...file.blocks].filter(([, heights]) => Number(heights[0]) <= last)
    expect(new Set(upToLast.map(([hash]) => hash))).toEqual(
      new Set([...file.blocks.keys()].filter((h) => played.has(h))),
    )
    expect(upToLast.length).toBeGreaterThan(0)
    // Blocks keep their order, and their time is the simulated one plus the offset.
    const setup = setupScenario({ scenario: run.scenario, seed: SEED, benignShare })
    const kinds = new Set<string>()
    for (const block of simulateEthereum(setup)) {
      if (block.number > last) break
      for (const tx of block.txs) kinds.add(tx.call.kind)
    }
    expect([...kinds].sort()).toEqual([...run.kinds].sort())
    const pairs = Object.entries(record.blockMap).map(([s, l]) => [Number(s), l] as const)
    pairs.sort((a, b) => a[0] - b[0])
    // Nothing but the played blocks is mined (the node check and set-up mine nothing).
    expect(pairs.map(([, l]) => l)).toEqual(pairs.map((_, i) => i + 1))
    for (const [simulated, liveNumber] of [pairs[0]!, pairs.at(-1)!]) {
      const block = await rpc<{ timestamp: string }>(anvil.url, 'eth_getBlockByNumber', [
        `0x${liveNumber.toString(16)}`,
        false,
      ])
      const time = setup.ethereum.startTime + (simulated - setup.ethereum.firstBlock) * 12
      expect(Number(block.timestamp)).toBe(time + record.timeOffset)
    }
  })

  test('transfers (native, token, internal) equal file mode per transaction, both ways', () => {
    expect(file.transfers.size).toBeGreaterThan(500)
    expect(live.transfers).toEqual(mapped(file.transfers))
    const kinds = new Set([...live.transfers.values()].flat().map((k) => k.split('|')[0]))
    expect(kinds).toEqual(new Set(['native', 'token', 'internal']))
  })

  test('transactions sit in the live blocks live.json maps their simulated blocks to', () => {
    for (const [hash, heights] of file.blocks) {
      if (!played.has(hash)) continue
      expect(live.blocks.get(record.txMap[hash] ?? '')).toEqual(
        heights.map((h) => `${record.blockMap[h]}`),
      )
    }
  })

  test('Uniswap swaps and THORChain deposits equal file mode', () => {
    expect(live.swaps).toEqual(mapped(file.swaps))
    expect(live.deposits).toEqual(mapped(file.deposits))
    if (run.scenario === 'bybit-2025') {
      expect(live.swaps.size).toBeGreaterThan(5)
      expect(live.deposits.size).toBeGreaterThan(100)
    }
  })

  test('every truth laundering step of the played blocks is a live transfer', () => {
    const truth = JSON.parse(readFileSync(join(dir, 'file', 'truth.json'), 'utf8')) as {
      steps: readonly TruthStep[]
    }
    const steps = truth.steps.filter((s) => s.chain === 'ethereum' && played.has(s.txHash))
    expect(steps.length).toBeGreaterThan(20)
    const missing = steps.filter(
      (s) =>
        !live.transfers
          .get(record.txMap[s.txHash] ?? '')
          ?.some((k) => k.endsWith(`|${s.from}|${s.to}|${s.asset}|${s.amount}`)),
    )
    expect(missing).toEqual([])
  })
})

describe('sim live', () => {
  test('the committed contract artifacts equal a fresh compile', () => {
    expect(compileSimContracts()).toEqual(simContractArtifacts)
  })

  test('refuses a node without anvil methods, naming them', async () => {
    const node = await fakeNode((method) =>
      method.startsWith('eth_') ? { result: '0x1' } : { error: 'Method not found', code: -32601 },
    )
    try {
      const run = await runCaptured(['sim', 'live', ...BYBIT, '--rpc', node.url])
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain('rpc.failed')
      expect(run.stderr).toContain('anvil_setCode')
      expect(run.stderr).toContain('evm_mine')
      // Only the node check's probe (no parameters) reached it: nothing was changed.
      const changes = node.calls.filter((c) => c.method === 'evm_setAutomine')
      expect(changes.map((c) => c.params)).toEqual([[]])
    } finally {
      await node.close()
    }
  })

  test('a transaction the node rejects stops the run naming the simulated hash and call kind; automine is restored', async () => {
    const node = await fakeNode((method, params) => {
      switch (method) {
        case 'eth_chainId':
          return { result: '0x7a69' }
        case 'anvil_getAutomine':
          return { result: true }
        case 'eth_getBlockByNumber':
          return {
            result: {
              number: '0x0',
              hash: `0x${'0'.repeat(64)}`,
              timestamp: '0x1',
              gasLimit: '0x1c9c380',
              transactions: [],
            },
          }
        case 'eth_getTransactionCount':
          return { result: '0x0' }
        case 'eth_sendTransaction':
          return { error: 'execution reverted: BALANCE', code: 3 }
        default:
          // The node check sends anvil methods parameters they reject.
          return params.length === 0 || params[0] === 'probe'
            ? { error: 'invalid params', code: -32602 }
            : { result: null }
      }
    })
    try {
      const run = await runCaptured(['sim', 'live', ...BYBIT, '--rpc', node.url])
      const theft = setupScenario({ scenario: 'bybit-2025', seed: 1 }).plan.ethereum[0]!
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain('rpc.failed')
      expect(run.stderr).toContain(theft.hash)
      expect(run.stderr).toContain(`(${theft.call.kind})`)
      expect(run.stderr).toContain('execution reverted: BALANCE')
      const automine = node.calls.filter((c) => c.method === 'evm_setAutomine')
      expect(automine.map((c) => c.params)).toEqual([[], [false], [true]])
    } finally {
      await node.close()
    }
  })
})

const BYBIT = ['--scenario', 'bybit-2025', '--seed', '1']

type FakeAnswer = { result: unknown } | { error: string; code: number }

/** A JSON-RPC server answering each call with `answer`, recording the calls it got. */
async function fakeNode(answer: (method: string, params: readonly unknown[]) => FakeAnswer) {
  const calls: { method: string; params: readonly unknown[] }[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      type Call = { id: number; method: string; params: readonly unknown[] }
      const parsed = JSON.parse(body) as Call | Call[]
      const reply = (c: Call) => {
        calls.push({ method: c.method, params: c.params })
        const a = answer(c.method, c.params)
        return 'result' in a
          ? { jsonrpc: '2.0', id: c.id, result: a.result }
          : { jsonrpc: '2.0', id: c.id, error: { code: a.code, message: a.error } }
      }
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(reply) : reply(parsed)))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((done) => server.close(done)),
  }
}
