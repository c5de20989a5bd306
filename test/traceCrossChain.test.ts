import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type BlockRecord,
  type ChainBatch,
  emptyBatch,
  type TransferRecord,
  transferPosition,
} from '../src/chain/index.js'
import { createServer } from '../src/server/index.js'
import { openStore } from '../src/store/index.js'
import { cli, createTestDatabaseUrl, type TestDatabaseUrl, testDialects } from './harness.js'

// A theft of USDT, swapped to WETH in a Uniswap V2 pool, bridged to Bitcoin through a
// THORChain-style router, paid out with an `OUT:<hash>` memo, then spent on Bitcoin.
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const btcHash = (n: number) => n.toString(16).padStart(64, 'b')
const [VICTIM, THIEF, POOL, ROUTER, VAULT, EXCHANGE] = [
  addr(1),
  addr(2),
  addr(3),
  addr(4),
  addr(5),
  addr(6),
]
const USDT = addr(0xdac17)
const WETH = addr(0xc02aa)
const DEST = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
const BTC_VAULT = 'bc1qthorvault'
const NEXT = 'bc1qnexthop'
const [THEFT, SWAP, DEPOSIT] = [hash(1), hash(2), hash(3)]
const T0 = 1_700_000_000
const usdt = 1_000_000_000n // 1,000 USDT (6 decimals)
const weth = 5n * 10n ** 17n // 0.5 WETH

function token(
  tx: string,
  block: number,
  log: number,
  asset: string,
  from: string,
  to: string,
  amount: bigint,
): TransferRecord {
  return {
    chain: 'ethereum',
    txHash: tx,
    kind: 'token',
    position: transferPosition.token(log),
    asset,
    from,
    to,
    amount,
    blockHeight: block,
    txIndex: 0,
  }
}

const ethBlock = (height: number): BlockRecord => ({
  chain: 'ethereum',
  height,
  hash: hash(1000 + height),
  parentHash: null,
  time: T0 + (height - 100) * 12,
  txCount: 1,
})

const ethereum: ChainBatch = {
  ...emptyBatch(),
  blocks: [101, 102, 103].map(ethBlock),
  transfers: [
    token(THEFT, 101, 0, USDT, VICTIM, THIEF, usdt),
    token(SWAP, 102, 0, USDT, THIEF, POOL, usdt),
    token(SWAP, 102, 1, WETH, POOL, THIEF, weth),
    token(DEPOSIT, 103, 0, WETH, THIEF, VAULT, weth),
  ],
  swaps: [
    {
      chain: 'ethereum',
      txHash: SWAP,
      blockHeight: 102,
      txIndex: 0,
      position: transferPosition.token(3),
      protocol: 'uniswap-v2',
      pool: POOL,
      sender: THIEF,
      recipient: THIEF,
      tokenIn: USDT,
      amountIn: usdt,
      tokenOut: WETH,
      amountOut: weth,
    },
  ],
  bridgeDeposits: [
    {
      chain: 'ethereum',
      txHash: DEPOSIT,
      blockHeight: 103,
      txIndex: 0,
      position: transferPosition.token(1),
      router: ROUTER,
      vault: VAULT,
      depositor: THIEF,
      asset: WETH,
      amount: weth,
      memo: `=:BTC.BTC:${DEST}:0/1/0`,
    },
  ],
}

const depositTime = T0 + 3 * 12
const outMemo = Buffer.from(`OUT:${DEPOSIT.slice(2).toUpperCase()}`).toString('hex')
const btcBlock = (height: number, time: number): BlockRecord => ({
  chain: 'bitcoin',
  height,
  hash: btcHash(height),
  parentHash: null,
  time,
  txCount: 1,
})
const output = (
  tx: string,
  index: number,
  height: number,
  address: string | null,
  value: bigint,
  data?: string,
) => ({
  chain: 'bitcoin' as const,
  txHash: tx,
  index,
  address,
  value,
  scriptType: address === null ? 'nulldata' : 'p2wpkh',
  blockHeight: height,
  txIndex: 0,
  ...(data === undefined ? {} : { data }),
})
const utxoTx = (tx: string, height: number, value: bigint) => ({
  chain: 'bitcoin' as const,
  hash: tx,
  blockHeight: height,
  blockHash: btcHash(height),
  index: 0,
  from: null,
  to: null,
  value,
  fee: null,
  success: true,
})
const input = (tx: string, height: number, spent: string, address: string, value: bigint) => ({
  chain: 'bitcoin' as const,
  txHash: tx,
  index: 0,
  spentTxHash: spent,
  spentOutputIndex: 0,
  address,
  value,
  blockHeight: height,
  txIndex: 0,
})
const [FUNDING, PAYOUT, ONWARD] = [btcHash(1), btcHash(2), btcHash(3)]
const bitcoin: ChainBatch = {
  ...emptyBatch(),
  blocks: [
    btcBlock(800_000, depositTime - 3600),
    btcBlock(800_001, depositTime + 600),
    btcBlock(800_002, depositTime + 1200),
  ],
  transactions: [
    utxoTx(FUNDING, 800_000, 100_000_000n),
    utxoTx(PAYOUT, 800_001, 99_990_000n),
    utxoTx(ONWARD, 800_002, 1_990_000n),
  ],
  outputs: [
    output(FUNDING, 0, 800_000, BTC_VAULT, 100_000_000n),
    output(PAYOUT, 0, 800_001, DEST, 2_000_000n),
    output(PAYOUT, 1, 800_001, null, 0n, outMemo),
    output(PAYOUT, 2, 800_001, BTC_VAULT, 97_990_000n),
    output(ONWARD, 0, 800_002, NEXT, 1_990_000n),
  ],
  inputs: [
    {
      ...input(FUNDING, 800_000, '', '', 0n),
      spentTxHash: null,
      spentOutputIndex: null,
      address: null,
      value: null,
    },
    input(PAYOUT, 800_001, FUNDING, BTC_VAULT, 100_000_000n),
    input(ONWARD, 800_002, PAYOUT, DEST, 2_000_000n),
  ],
}

describe.each(testDialects)('%s: chainwatch trace across assets and chains', (dialect) => {
  let db: TestDatabaseUrl
  beforeAll(async () => {
    db = createTestDatabaseUrl(dialect)
    const store = await openStore(db.url)
    await store.writeBatch(ethereum)
    await store.writeBatch(bitcoin)
    await store.replaceList({
      list: 'exchanges',
      kind: 'address-list',
      source: 'test',
      publishedAt: null,
      sha256: '',
      loadedAt: '2025-02-21T00:00:00.000Z',
      entries: [
        {
          chain: 'ethereum',
          address: EXCHANGE,
          asset: null,
          category: 'exchange',
          entity: 'Exchange',
          entityId: null,
          programmes: [],
          confidence: 100,
          label: null,
        },
        {
          chain: 'bitcoin',
          address: NEXT,
          asset: null,
          category: 'exchange',
          entity: 'Exchange',
          entityId: null,
          programmes: [],
          confidence: 100,
          label: 'Hot wallet 7',
        },
      ],
    })
    await store.close()
  })
  afterAll(() => db.dispose())

  test('default (--chain all): USDT → swap → WETH → bridge → BTC output, high confidence, followed on bitcoin', async () => {
    const args = ['--json', 'trace', '--from-tx', THEFT, '--policy', 'haircut']
    const run = await cli(db.url, args)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const { manifest, result } = JSON.parse(run.stdout)
    expect(manifest).toMatchObject({
      parameters: { chain: 'all', bridgeWindowSeconds: 86_400 },
      blocks: [
        { chain: 'ethereum', first: 101, last: 103 },
        { chain: 'bitcoin', first: 800_000, last: 800_002 },
      ],
      unmatchedSwaps: 0,
      unmatchedBridgeDeposits: 0,
      links: 1,
      skipped: 0,
      lostSpends: 0,
    })
    expect(result.totals).toMatchObject({
      seeded: (usdt + 2_000_000n).toString(),
      swappedOut: usdt.toString(),
      swappedIn: weth.toString(),
      bridged: weth.toString(),
      // The payout's 2,000,000 sat go on to the exchange NEXT with a 10,000 sat fee.
      stops: '1990000',
      held: '0',
      fees: '10000',
    })
    const [link] = result.links
    expect(link).toMatchObject({
      txHash: DEPOSIT,
      destinationChain: 'bitcoin',
      destinationAddress: DEST,
      tainted: weth.toString(),
      hop: 2,
      outbound: { txHash: PAYOUT, outputIndex: 0, value: '2000000', blockHeight: 800_001 },
      timeDelta: 600,
      seeded: '2000000',
      confidence: 'high',
    })
    expect(link.evidence.map((x: { kind: string }) => x.kind)).toEqual([
      'memo',
      'destination',
      'time-delta',
      'output-value',
      'candidates',
      'out-memo',
    ])
    expect(result.endpoints).toEqual([
      {
        chain: 'bitcoin',
        address: NEXT,
        asset: 'native',
        absorbed: '1990000',
        hop: 4,
        list: 'exchanges',
        category: 'exchange',
        entity: 'Exchange',
        label: 'Hot wallet 7',
      },
    ])
    expect(JSON.parse((await cli(db.url, args)).stdout).manifest.sha256).toBe(manifest.sha256)
  })

  test('args: --from ADDRESS --since BLOCK seeds the address, like ADDRESS@BLOCK', async () => {
    const since = await cli(db.url, [
      '--json',
      'trace',
      '--from',
      THIEF,
      '--since',
      '101',
      '--policy',
      'fifo',
    ])
    const at = await cli(db.url, ['--json', 'trace', '--from', `${THIEF}@101`, '--policy', 'fifo'])
    expect(since.code).toBe(0)
    const trace = JSON.parse(since.stdout)
    expect(trace.manifest.seeds).toEqual([
      { kind: 'address', chain: 'ethereum', address: THIEF, sinceBlock: 101 },
    ])
    expect(trace.result.links[0]).toMatchObject({ confidence: 'high', seeded: '2000000' })
    expect(JSON.parse(at.stdout).manifest.sha256).toBe(trace.manifest.sha256)
    const missing = await cli(db.url, ['trace', '--from', THIEF])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--since BLOCK')
  })

  test('args: --chain ethereum reports the link without following it; a short window finds no payout', async () => {
    const ethereumOnly = JSON.parse(
      (await cli(db.url, ['--json', 'trace', '--chain', 'ethereum', '--from-tx', THEFT])).stdout,
    )
    expect(ethereumOnly.manifest.blocks.map((b: { chain: string }) => b.chain)).toEqual([
      'ethereum',
    ])
    expect(ethereumOnly.result.links[0]).toMatchObject({ confidence: 'none', outbound: null })
    expect(ethereumOnly.result.links[0].evidence.at(-1)).toEqual({
      kind: 'unmatched',
      value: 'bitcoin is not followed by this trace',
    })
    const short = JSON.parse(
      (await cli(db.url, ['--json', 'trace', '--from-tx', THEFT, '--bridge-window', '60'])).stdout,
    )
    expect(short.result.links[0]).toMatchObject({ confidence: 'none', seeded: '0' })
    expect(short.manifest.blocks.map((b: { chain: string }) => b.chain)).toEqual(['ethereum'])
  })

  test('--format html explains the link in plain words; text and graphml show it too', async () => {
    const html = (await cli(db.url, ['trace', '--from-tx', THEFT, '--format', 'html'])).stdout
    expect(html).toContain('Across chains')
    expect(html).toContain('High: the payout carries the note')
    expect(html).toContain(PAYOUT)
    expect(html).toContain('10 min after the deposit')
    expect(html).toContain('Hot wallet 7: exchange, list exchanges')
    const text = (await cli(db.url, ['trace', '--from-tx', THEFT])).stdout
    expect(text).toContain('cross-chain links: 1')
    expect(text).toContain('confidence high')
    expect(text).toContain('[Hot wallet 7, exchange, list exchanges]')
    const graphml = (await cli(db.url, ['trace', '--from-tx', THEFT, '--format', 'graphml'])).stdout
    expect(graphml).toContain('<data key="e_kind">bridge-link</data>')
    expect(graphml).toContain('<data key="e_confidence">high</data>')
    expect(graphml).toContain('<data key="n_label">Hot wallet 7</data>')
  })

  test('POST /v1/trace takes the same chains and seeds and returns the same JSON', async () => {
    const store = await openStore(db.url)
    try {
      const server = createServer({ store, version: 'test', log: () => undefined })
      const post = (body: unknown) =>
        server.request('/v1/trace', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const res = await post({
        seeds: [{ kind: 'address', address: THIEF, sinceBlock: 101 }],
        policy: 'poison',
      })
      expect(res.status).toBe(200)
      const viaCli = JSON.parse(
        (
          await cli(db.url, [
            '--json',
            'trace',
            '--from',
            THIEF,
            '--since',
            '101',
            '--policy',
            'poison',
          ])
        ).stdout,
      )
      expect(await res.json()).toEqual(viaCli)
      const bitcoinOnly = await post({
        chain: 'bitcoin',
        seeds: [{ kind: 'output', txHash: PAYOUT, outputIndex: 0 }],
        policy: 'haircut',
      })
      expect(bitcoinOnly.status).toBe(200)
      const bitcoinTrace = (await bitcoinOnly.json()) as { result: { totals: { seeded: string } } }
      expect(bitcoinTrace.result.totals.seeded).toBe('2000000')
      const wrong = await post({
        chain: 'bitcoin',
        seeds: [{ kind: 'transfer', txHash: THEFT }],
        policy: 'haircut',
      })
      expect(wrong.status).toBe(400)
      expect((await post({ chain: 'solana', seeds: [], policy: 'haircut' })).status).toBe(400)
    } finally {
      await store.close()
    }
  })
})
