import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore, type Store } from '../src/store/index.js'
import { type Anvil, compileTestContracts, startAnvil } from './anvil.js'
import {
  type BitcoinLeg,
  CONSOLIDATION_FEE,
  SAT_PER_ETH,
  writeBitcoinLeg,
} from './anvilBitcoinLeg.js'
import {
  CENT,
  ETH,
  exchangeBtc,
  exchangeEth,
  exchangeToken,
  type Heist,
  runHeist,
  type ScriptedDeposit,
  type ScriptedSwap,
  script,
} from './anvilHeist.js'
import { type CliRun, cli, createTestDatabaseUrl, type TestDatabaseUrl } from './harness.js'

/**
 * The live case of the tracing issue: a heist scripted on a local anvil chain (test/anvilHeist.ts:
 * victim → theft address T, fan-out to 50 addresses, swaps in a V2-style pool, THORChain-style
 * bridge deposits), its Bitcoin side as a bitcoin-etl export, three exchanges labelled through a
 * TagPack; ingested with `chainwatch ingest evm` and traced with `chainwatch trace` under each
 * policy. Every expected figure is computed below from the scripted amounts and the rules of
 * docs/tracing.md and the swap/bridge semantics, never read from the engine.
 */

type Policy = 'poison' | 'haircut' | 'fifo'
const policies: readonly Policy[] = ['poison', 'haircut', 'fifo']

/** The trace over all chains (ethereum, then bitcoin from the bridge links). */
const ALL_CHAINS = ['--chain', 'all']

let anvil: Anvil
let heist: Heist
let db: TestDatabaseUrl
let parityDb: TestDatabaseUrl
let workDir: string
let leg: BitcoinLeg
let ingestRun: CliRun

beforeAll(async () => {
  const artifacts = compileTestContracts()
  anvil = await startAnvil([
    '--auto-impersonate',
    '--base-fee',
    '0',
    '--gas-price',
    '0',
    '--timestamp',
    '1700000000',
  ])
  heist = await runHeist(anvil.url, artifacts)
  db = createTestDatabaseUrl('sqlite')
  parityDb = createTestDatabaseUrl('sqlite')
  workDir = mkdtempSync(join(tmpdir(), 'cw-live-'))

  ingestRun = await cli(db.url, [
    '--json',
    'ingest',
    'evm',
    '--rpc',
    anvil.url,
    '--to',
    String(heist.lastBlock),
    '--batch',
    '25',
  ])
  leg = writeBitcoinLeg(workDir, heist.deposits, exchangeBtc)
  const imported = await cli(db.url, ['import', ...leg.files])
  if (imported.code !== 0) throw new Error(imported.stderr)
  const tagPack = join(workDir, 'exchanges.yaml')
  writeFileSync(
    tagPack,
    [
      'title: Exchanges of the live tracing test',
      'creator: chainwatch test',
      'confidence: ownership',
      'category: exchange',
      'lastmod: 2025-01-01',
      'tags:',
      `- address: '${exchangeEth}'`,
      '  currency: ETH',
      '  label: exchange one (ETH)',
      `- address: '${exchangeToken}'`,
      '  currency: ETH',
      '  label: exchange two (token B)',
      `- address: '${exchangeBtc}'`,
      '  currency: BTC',
      '  label: exchange three (BTC)',
      '',
    ].join('\n'),
  )
  const listed = await cli(db.url, ['lists', 'import', '--kind', 'tagpack', tagPack])
  if (listed.code !== 0) throw new Error(listed.stderr)
}, 60_000)

afterAll(async () => {
  await anvil?.stop()
  await db?.dispose()
  await parityDb?.dispose()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

describe('ingest evm on the heist chain', () => {
  test('default: blocks, transfers of every kind, swaps and bridge deposits', () => {
    expect(ingestRun.code, ingestRun.stderr).toBe(0)
    expect(ingestRun.stderr).toContain('receipts: eth_getBlockReceipts')
    expect(ingestRun.stderr).toContain('internal transfers: debug_traceBlockByNumber (callTracer)')
    const summary = JSON.parse(ingestRun.stdout)
    expect(summary).toMatchObject({
      chain: 'ethereum',
      chainId: 31337,
      fromBlock: 0,
      toBlock: heist.lastBlock,
      blocks: heist.lastBlock + 1,
      transfers: {
        // ETH payments: funder → T, H1..H10, H46, H47 (13); the theft (1); T → disperser (1);
        // funder → H11..H15 (5); H1..H20 → exchange one (20); the five deposits (5).
        native: 13 + 1 + 1 + 5 + 20 + 5,
        // The disperser → 25 holders, the bridge router → vault 5 times.
        internal: 25 + 5,
        // Mints (2), liquidity (2), → victim (1), → T (1), → H21..H30 (10), the theft (1),
        // fan-out (25), → H31..H35 (5), two legs per swap (50), B forwarded by 20 holders (20).
        token: 2 + 2 + 1 + 1 + 10 + 1 + 25 + 5 + 50 + 20,
      },
      swaps: 25,
      unresolvedSwaps: 0,
      bridgeDeposits: 5,
      tracesMethod: 'debug_traceBlockByNumber',
      receiptsMethod: 'eth_getBlockReceipts',
    })
  })

  test('behavior: trace_block (Parity style) gives the same transfers as the callTracer', async () => {
    const run = await cli(parityDb.url, [
      '--json',
      'ingest',
      'evm',
      '--rpc',
      anvil.url,
      '--to',
      String(heist.lastBlock),
      '--traces',
      'parity',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      tracesMethod: 'trace_block',
      transfers: { internal: 30 },
    })
    const [a, b] = await Promise.all([openStore(db.url), openStore(parityDb.url)])
    try {
      expect(await allTransfers(b)).toEqual(await allTransfers(a))
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  test('behavior: run again, everything is already ingested (checkpoint rpc:ethereum)', async () => {
    const run = await cli(db.url, [
      '--json',
      'ingest',
      'evm',
      '--rpc',
      anvil.url,
      '--to',
      String(heist.lastBlock),
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: 'rpc:ethereum',
      startedAt: null,
      blocks: 0,
    })
  })
})

async function allTransfers(store: Store) {
  const transfers = []
  for await (const page of store.transfersInOrder({ chain: 'ethereum' })) transfers.push(...page)
  return transfers
}

// ---------------------------------------------------------------------------------------------
// The expected taint, by hand from the script.
//
// Seeds: the two theft transfers, victim → T 100 ETH and victim → T 100,000 A. Before the theft
// T held 2 ETH and 1,000 A of clean value, so (docs/tracing.md, account model):
//   haircut: T's ETH b 102, t 100; its A b 101,000, t 100,000.
//   fifo:    T's ETH lots [C2, T100]; its A lots [C1,000, T100,000].
//   poison:  T is poisoned: all it sends is tainted (its clean 2 ETH and 1,000 A contaminated).
// T sends all 102 ETH to the disperser, which pays H1..H20 3.06 ETH and H46..H50 8.16 ETH, in that
// order; T sends 4,040 A to each of H21..H45 (101,000 A), in that order. Haircut shares stay
// exact: 3.06 × 100/102 = 3.00, 8.16 × 100/102 = 8.00, 4,040 × 100,000/101,000 = 4,000.
// ---------------------------------------------------------------------------------------------

const haircut = (amount: bigint, tainted: bigint, balance: bigint) => (amount * tainted) / balance

/** Exchange one (ETH): H1..H15 send it 2.03 ETH, H16..H20 all their 3.06 ETH. */
function expectedExchangeEth(policy: Policy): bigint {
  const part = script.exchangeEthPart // 2.03 ETH
  const all = script.fanOutEthSmall // 3.06 ETH
  if (policy === 'poison') {
    // Every sender is poisoned: 15 × 2.03 + 5 × 3.06 = 45.75 ETH.
    return 15n * part + 5n * all
  }
  if (policy === 'haircut') {
    // H1..H15 hold 1 clean + 3.06 (3.00 tainted) = 4.06: floor(2.03 × 3.00 / 4.06) = 1.50 ETH.
    // H16..H20 hold 3.06 (3.00 tainted) and send it all: 3.00. Total 22.5 + 15 = 37.5 ETH.
    const t = 300n * CENT
    return 15n * haircut(part, t, script.cleanEth + all) + 5n * haircut(all, t, all)
  }
  // fifo: the disperser's lots are T's [C2, T100]; it pays H1 first: C2 + T1.06, then T3.06 to
  // each of the others. H1 (lots [C1, C2, T1.06]) sends 2.03 from C: 0. H2..H10 ([C1, T3.06])
  // send C1 + T1.03: 1.03. H11..H15 ([T3.06, C1], clean came after) send T2.03. H16..H20 T3.06.
  // Total 0 + 9 × 1.03 + 5 × 2.03 + 5 × 3.06 = 34.72 ETH.
  return 0n + 9n * (part - script.cleanEth) + 5n * part + 5n * all
}

/**
 * Exchange two (token B), reached only through the pool: per swap, the in-leg H → pool carries
 * c (tokenIn units); the out-leg pool → recipient carries the converted taint. H31..H35's swaps
 * pay the exchange directly; H21..H30 and H36..H45 receive B and send it all on, which passes the
 * out-leg's taint unchanged under every policy (the holder's whole B balance is that out-leg).
 */
function expectedExchangeToken(policy: Policy, swaps: readonly ScriptedSwap[]): bigint {
  let total = 0n
  for (const { holder, amountIn, amountOut } of swaps) {
    if (policy === 'poison') {
      // c > 0 for every swap: the out-leg is wholly tainted.
      total += amountOut
    } else if (policy === 'haircut') {
      // H21..H35: 1,000 clean + 4,040 (4,000 tainted) = 5,040; swap 2,520: c = 2,000.
      // H36..H45: 4,040 (4,000 tainted), swap all: c = 4,000. Out: floor(amountOut × c / amountIn).
      const c =
        holder <= 35
          ? haircut(amountIn, 4_000n * 10n ** 18n, 5_040n * 10n ** 18n)
          : haircut(amountIn, 4_000n * 10n ** 18n, amountIn)
      total += (amountOut * c) / amountIn
    } else {
      // fifo: T's lots [C1,000, T100,000] pay H21 first: C1,000 + T3,040; the others T4,040.
      // H21 ([C2,000, T3,040]) swaps 2,520 = pieces [C2,000, T520]; H22..H30 ([C1,000, T4,040])
      // swap [C1,000, T1,520]; H31..H35 ([T4,040, C1,000]) and H36..H45 swap tainted lots only.
      // Out pieces: cumulative boundaries floor(cum × amountOut / amountIn).
      const clean = holder === 21 ? 2_000n * 10n ** 18n : holder <= 30 ? 1_000n * 10n ** 18n : 0n
      total += amountOut - (clean * amountOut) / amountIn
    }
  }
  return total
}

/**
 * Exchange three (BTC), through the bridge: H46, H47 (1 clean ETH, then 8.16) deposit 4.58 ETH,
 * H48..H50 all their 8.16 ETH. The router forwards each deposit to the vault at once (its
 * balance is only that deposit), so the value leg carries what H's outflow carried:
 *   poison c = amount; haircut floor(4.58 × 8.00 / 9.16) = 4.00 and 8.00;
 *   fifo ([C1, T8.16]) 4.58 = C1 + T3.58 → 3.58, and 8.16.
 * The outbound pays the memo address amount × 5,000,000 sat/ETH (22.9M and 40.8M sat), seeded:
 * poison the whole output, haircut and fifo floor(output × c / amount): 20M / 40M and
 * 17.9M / 40.8M sat. The thief consolidates the five outputs (inputs D46..D50, in that order,
 * 168.2M sat) into one output to the exchange of 168.19M sat, fee 10,000 sat:
 *   poison: the whole output, 168,190,000;
 *   haircut: floor(168,190,000 × 160,000,000 / 168,200,000);
 *   fifo: D46, D47 lie wholly inside the exchange output, and the fee is the tail of D50, which is
 *   wholly tainted: 2 × 17.9M + 3 × 40.8M − 10,000 = 158,190,000.
 */
function expectedBridge(policy: Policy, deposits: readonly ScriptedDeposit[]) {
  const outputs = deposits.map((d) => (d.amount * SAT_PER_ETH) / ETH)
  // Taint each value leg (router → vault) carries off the chain.
  const carried = deposits.map((d) => {
    const withClean = d.holder <= 47
    if (policy === 'poison') return d.amount
    if (policy === 'haircut') {
      return withClean
        ? haircut(d.amount, 800n * CENT, script.cleanEth + script.fanOutEthLarge)
        : 800n * CENT
    }
    return withClean ? d.amount - script.cleanEth : d.amount
  })
  // Taint seeded on each outbound output paying the memo address.
  const seeded = outputs.map((output, i) =>
    policy === 'poison' ? output : (output * (carried[i] ?? 0n)) / (deposits[i]?.amount ?? 1n),
  )
  const totalIn = outputs.reduce((sum, v) => sum + v, 0n)
  const exchangeValue = totalIn - CONSOLIDATION_FEE
  const taintedIn = seeded.reduce((sum, v) => sum + v, 0n)
  const exchange =
    policy === 'poison'
      ? exchangeValue
      : policy === 'haircut'
        ? (exchangeValue * taintedIn) / totalIn
        : taintedIn - CONSOLIDATION_FEE
  return { carried, seeded, exchange }
}

test('the hand figures, written out', () => {
  expect(expectedExchangeEth('poison')).toBe(4575n * CENT)
  expect(expectedExchangeEth('haircut')).toBe(3750n * CENT)
  expect(expectedExchangeEth('fifo')).toBe(3472n * CENT)
  expect(expectedBridge('poison', heist.deposits).exchange).toBe(168_190_000n)
  expect(expectedBridge('haircut', heist.deposits).exchange).toBe(159_990_487n)
  expect(expectedBridge('fifo', heist.deposits).exchange).toBe(158_190_000n)
})

// ---------------------------------------------------------------------------------------------

type Endpoint = {
  chain: string
  address: string
  asset: string
  absorbed: string
  hop: number
  category?: string
}
type Link = {
  txHash: string
  confidence: string
  tainted: string
  seeded: string
  outbound: { txHash: string; outputIndex: number } | null
}
type TraceJson = { endpoints: Endpoint[]; links?: Link[]; unmatchedSwaps?: number }
const traces = new Map<string, Promise<TraceJson>>()

/** `chainwatch trace --json` from the two theft transfers, memoised per policy and chain set. */
function trace(policy: Policy, chainArgs: readonly string[]) {
  const key = `${policy} ${chainArgs.join(' ')}`
  let result = traces.get(key)
  if (result === undefined) {
    result = cli(db.url, [
      '--json',
      'trace',
      ...chainArgs,
      '--from-tx',
      heist.theftEthTx,
      '--from-tx',
      heist.theftTokenTx,
      '--policy',
      policy,
    ]).then((run) => {
      if (run.code !== 0) throw new Error(`trace failed (${run.code}): ${run.stderr}`)
      return (JSON.parse(run.stdout) as { result: TraceJson }).result
    })
    traces.set(key, result)
  }
  return result
}

const endpoint = (endpoints: readonly Endpoint[], address: string) =>
  endpoints.find((e) => e.address === address)

describe.each(policies)('%s', (policy) => {
  test('ETH reaches exchange one (plain transfers, internal ones included)', async () => {
    const { endpoints } = await trace(policy, ['--chain', 'ethereum'])
    expect(endpoint(endpoints, exchangeEth)).toMatchObject({
      chain: 'ethereum',
      address: exchangeEth,
      category: 'exchange',
      asset: 'native',
      absorbed: String(expectedExchangeEth(policy)),
      // T 0 → disperser 1 → H 2 → exchange 3.
      hop: 3,
    })
  })

  test('token B reaches exchange two through the swaps', async () => {
    const { endpoints } = await trace(policy, ['--chain', 'ethereum'])
    expect(endpoint(endpoints, exchangeToken)).toMatchObject({
      chain: 'ethereum',
      address: exchangeToken,
      category: 'exchange',
      asset: heist.tokenB,
      absorbed: String(expectedExchangeToken(policy, heist.swaps)),
      // T 0 → H 1 → pool (in-leg) 2 = the out-leg's hop: H31..H35's swaps pay the exchange at 2.
      hop: 2,
    })
  })

  test('the bridge carries taint to exchange three on bitcoin', async () => {
    const { endpoints } = await trace(policy, ALL_CHAINS)
    expect(endpoint(endpoints, exchangeBtc)).toMatchObject({
      chain: 'bitcoin',
      address: exchangeBtc,
      category: 'exchange',
      asset: 'native',
      absorbed: String(expectedBridge(policy, heist.deposits).exchange),
      // T 0 → disperser 1 → H 2 → router 3 (the value leg, H's own transfer) → memo output 4
      // → exchange 5.
      hop: 5,
    })
    // The ethereum endpoints are the same in the trace over all chains.
    expect(endpoint(endpoints, exchangeEth)?.absorbed).toBe(String(expectedExchangeEth(policy)))
  })

  test('each deposit links to its outbound with high confidence (OUT:<hash> memo)', async () => {
    const { links, unmatchedSwaps } = await trace(policy, ALL_CHAINS)
    const { carried, seeded } = expectedBridge(policy, heist.deposits)
    expect(
      links?.map((l) => ({
        txHash: l.txHash,
        confidence: l.confidence,
        tainted: l.tainted,
        seeded: l.seeded,
        outbound: l.outbound?.txHash,
      })),
    ).toEqual(
      heist.deposits.map((d, i) => ({
        txHash: d.txHash,
        confidence: 'high',
        tainted: String(carried[i]),
        seeded: String(seeded[i]),
        outbound: leg.outbounds[i]?.txHash,
      })),
    )
    expect(unmatchedSwaps).toBe(0)
  })
})
