import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isChainwatchError } from '../src/errors/index.js'
import { ingestEvm } from '../src/ingest/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { type Anvil, type Artifact, compileTestContracts, startAnvil } from './anvil.js'
import {
  blockNumber,
  type ChainContracts,
  deployChainContracts,
  mineTo,
  recipient,
  rpc,
  type SentCounts,
  sendTransfers,
  storeDigest,
} from './anvilChain.js'
import { cli, createTestDatabaseUrl, repoRoot, type TestDatabaseUrl } from './harness.js'

/**
 * Live ingest of the EVM issue on a real anvil: a 1,000-block chain of ETH, ERC-20 and internal
 * (forwarder) transfers ingested with exact counts computed from what was sent; reorganisations
 * (evm_snapshot / evm_revert) rolled back to the store a fresh ingest of the final chain gives;
 * a CLI run killed with SIGKILL and restarted gives the store an uninterrupted run gives.
 */

const LAST_BLOCK = 1000
let artifacts: Record<string, Artifact>
const disposables: TestDatabaseUrl[] = []
const database = (dialect: 'sqlite' | 'postgres' = 'sqlite') => {
  const db = createTestDatabaseUrl(dialect)
  disposables.push(db)
  return db
}

beforeAll(() => {
  artifacts = compileTestContracts()
})
afterAll(async () => {
  for (const db of disposables) await db.dispose()
})

async function withStore<T>(url: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url)
  try {
    return await run(store)
  } finally {
    await store.close()
  }
}

const ingest = (store: Store, url: string, extra: Partial<Parameters<typeof ingestEvm>[1]> = {}) =>
  ingestEvm({ store }, { rpcUrl: url, batchSize: 50, retries: 0, ...extra })

describe('a 1,000-block chain', () => {
  let anvil: Anvil
  const sent: SentCounts = { native: 0, internal: 0, token: 0, transactions: 0 }
  let reference: TestDatabaseUrl

  beforeAll(async () => {
    anvil = await startAnvil()
    const contracts = await deployChainContracts(anvil.url, artifacts, sent)
    await sendTransfers(anvil.url, contracts, { count: 600, seed: 0 }, sent)
    await mineTo(anvil.url, LAST_BLOCK)
  }, 120_000)
  afterAll(() => anvil.stop())

  test('default: ingests every block with exactly the transfers sent (PostgreSQL, CLI)', async () => {
    expect(sent).toEqual({ native: 400, internal: 200, token: 201, transactions: 602 })
    reference = database('postgres')
    const run = await cli(reference.url, [
      '--json',
      'ingest',
      'evm',
      '--rpc',
      anvil.url,
      '--batch',
      '40',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: 'rpc:ethereum',
      startedAt: 0,
      storeTip: LAST_BLOCK,
      blocks: LAST_BLOCK + 1,
      transactions: sent.transactions,
      transfers: { native: sent.native, internal: sent.internal, token: sent.token },
      tracesMethod: 'debug_traceBlockByNumber',
      reorgs: [],
    })
    const digest = await withStore(reference.url, storeDigest)
    expect(digest.tip).toMatchObject({ height: LAST_BLOCK })
    expect(digest.transferCount).toBe(sent.native + sent.internal + sent.token)
    expect(digest.stats).toMatchObject({
      blocks: LAST_BLOCK + 1,
      transactions: sent.transactions,
      native_transfers: sent.native,
      internal_transfers: sent.internal,
      token_transfers: sent.token,
    })
    const status = await withStore(reference.url, (store) => store.ingestStatus())
    expect(status).toEqual([
      expect.objectContaining({ chain: 'ethereum', nodeTip: LAST_BLOCK, storeTip: LAST_BLOCK }),
    ])
  }, 120_000)

  test('behavior: SIGKILL mid-run, then a restart, gives the store an uninterrupted run gives (SQLite vs PostgreSQL)', async () => {
    const killed = database('sqlite')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(repoRoot, 'src/cli/main.ts'),
        '--database',
        killed.url,
        'ingest',
        'evm',
        '--rpc',
        anvil.url,
        '--batch',
        '7',
        '--concurrency',
        '3',
      ],
      { cwd: repoRoot, stdio: 'ignore' },
    )
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    // Kill at a random point once some batches have committed.
    const killAt = 100 + Math.floor(Math.random() * 600)
    await withStore(killed.url, async (store) => {
      for (;;) {
        const tip = await store.tip('ethereum')
        if ((tip?.height ?? -1) >= killAt) break
        if (child.exitCode !== null) throw new Error('the ingest ended before it was killed')
        await new Promise((done) => setTimeout(done, 5))
      }
    })
    child.kill('SIGKILL')
    await exited
    const atKill = await withStore(killed.url, (store) => store.tip('ethereum'))
    expect(atKill?.height ?? 0).toBeLessThan(LAST_BLOCK)

    const resumed = await cli(killed.url, [
      '--json',
      'ingest',
      'evm',
      '--rpc',
      anvil.url,
      '--batch',
      '7',
    ])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({ storeTip: LAST_BLOCK, reorgs: [] })
    expect(resumed.stderr).toContain('resuming at block')

    const [after, expected] = await Promise.all([
      withStore(killed.url, storeDigest),
      withStore(reference.url, storeDigest),
    ])
    expect(after).toEqual(expected)
  }, 120_000)
  test('behavior: ingest evm --follow --confirmations 10 keeps 10 blocks behind new blocks and stops cleanly on SIGTERM', async () => {
    const db = database('sqlite')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(repoRoot, 'src/cli/main.ts'),
        '--database',
        db.url,
        '--json',
        'ingest',
        'evm',
        '--rpc',
        anvil.url,
        '--follow',
        '--confirmations',
        '10',
        '--poll-ms',
        '50',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    const reaches = (height: number) =>
      withStore(db.url, async (store) => {
        for (;;) {
          const tip = await store.tip('ethereum')
          if ((tip?.height ?? -1) >= height) return tip?.height
          if (child.exitCode !== null) throw new Error(`follow ended: ${stderr}`)
          await new Promise((done) => setTimeout(done, 20))
        }
      })
    expect(await reaches(LAST_BLOCK - 10)).toBe(LAST_BLOCK - 10)
    await rpc(anvil.url, 'anvil_mine', ['0x14'])
    expect(await reaches(LAST_BLOCK + 10)).toBe(LAST_BLOCK + 10)
    child.kill('SIGTERM')
    expect(await exited, stderr).toBe(0)
    expect(stderr).toContain('SIGTERM: stopping after the current batch commits')
    expect(JSON.parse(stdout)).toMatchObject({ storeTip: LAST_BLOCK + 10, reorgs: [] })
    const status = await withStore(db.url, (store) => store.ingestStatus())
    expect(status[0]).toMatchObject({ storeTip: LAST_BLOCK + 10, nodeTip: LAST_BLOCK + 20 })
  }, 120_000)
})

describe('reorganisations', () => {
  let anvil: Anvil
  let contracts: ChainContracts
  const sent: SentCounts = { native: 0, internal: 0, token: 0, transactions: 0 }

  beforeAll(async () => {
    anvil = await startAnvil()
    contracts = await deployChainContracts(anvil.url, artifacts, sent)
    await sendTransfers(anvil.url, contracts, { count: 12, seed: 0 }, sent)
  }, 60_000)
  afterAll(() => anvil.stop())

  /** The digest a fresh ingest of the node's current chain gives. */
  const fresh = async () => {
    const db = database()
    return withStore(db.url, async (store) => {
      await ingest(store, anvil.url)
      return storeDigest(store)
    })
  }

  test('behavior: a reorganisation of depth 5 is rolled back on resume; the store equals a fresh ingest', async () => {
    const db = database()
    await withStore(db.url, async (store) => {
      const tip = await blockNumber(anvil.url)
      // --confirmations: only blocks 2 deep below the tip.
      expect(await ingest(store, anvil.url, { confirmations: 2 })).toMatchObject({
        storeTip: tip - 2,
      })
      expect(await ingest(store, anvil.url)).toMatchObject({ storeTip: tip })
      const snapshot = await rpc<string>(anvil.url, 'evm_snapshot')
      await sendTransfers(anvil.url, contracts, { count: 5, seed: 500 }, sent)
      expect(await ingest(store, anvil.url)).toMatchObject({ storeTip: tip + 5, reorgs: [] })

      expect(await rpc<boolean>(anvil.url, 'evm_revert', [snapshot])).toBe(true)
      await sendTransfers(anvil.url, contracts, { count: 6, seed: 900 }, sent)
      // Deeper than --max-reorg-depth: refused, nothing deleted.
      const refused = await ingest(store, anvil.url, { maxReorgDepth: 3 }).catch((e: unknown) => e)
      expect(isChainwatchError(refused, 'rpc.malformed')).toBe(true)
      expect(await store.tip('ethereum')).toMatchObject({ height: tip + 5 })
      const summary = await ingest(store, anvil.url)
      expect(summary).toMatchObject({
        storeTip: tip + 6,
        blocks: 6,
        reorgs: [
          {
            forkPoint: tip,
            depth: 5,
            // 5 transactions: ETH, token, forwarder (native + internal), ETH, token.
            rolledBack: { fromHeight: tip + 1, blocks: 5, transactions: 5, transfers: 6 },
          },
        ],
      })
      const digest = await storeDigest(store)
      expect(digest).toEqual(await fresh())
      const gone = new Set(Array.from({ length: 5 }, (_, i) => recipient(500 + i)))
      for await (const page of store.transfersInOrder({ chain: 'ethereum' })) {
        for (const t of page) expect(gone.has(t.to ?? '')).toBe(false)
      }
    })
  }, 60_000)

  test('behavior: --follow keeps up with new blocks and rolls back a reorganisation it sees; stops on abort', async () => {
    const db = database()
    await withStore(db.url, async (store) => {
      const stop = new AbortController()
      const notices: string[] = []
      const running = ingest(store, anvil.url, {
        follow: true,
        pollMs: 20,
        batchSize: 2,
        signal: stop.signal,
        onNotice: (m) => notices.push(m),
      })
      const caughtUp = async (height: number) => {
        for (;;) {
          const tip = await store.tip('ethereum')
          const node = await rpc<{ hash: string }>(anvil.url, 'eth_getBlockByNumber', [
            `0x${height.toString(16)}`,
            false,
          ])
          if (tip?.height === height && tip.hash === node.hash) return
          await new Promise((done) => setTimeout(done, 10))
        }
      }
      const base = await blockNumber(anvil.url)
      await caughtUp(base)
      const snapshot = await rpc<string>(anvil.url, 'evm_snapshot')
      await sendTransfers(anvil.url, contracts, { count: 3, seed: 2000 }, sent)
      await caughtUp(base + 3)
      await rpc(anvil.url, 'evm_revert', [snapshot])
      await sendTransfers(anvil.url, contracts, { count: 4, seed: 3000 }, sent)
      await caughtUp(base + 4)
      stop.abort()
      const summary = await running
      expect(summary.reorgs).toEqual([expect.objectContaining({ forkPoint: base, depth: 3 })])
      expect(notices.join('\n')).toContain(`left the store's after block ${base}`)
      expect(await storeDigest(store)).toEqual(await fresh())
    })
  }, 60_000)
})
