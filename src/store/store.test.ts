import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  type ChainBatch,
  chains,
  NATIVE_ASSET,
  parseChainId,
  type TransferRecord,
  transferPosition,
} from '../chain/index.js'
import { isChainwatchError } from '../errors/index.js'
import type { SqlStore } from './SqlStore.js'
import type { ChainStats, WriteResult } from './Store.js'
import { createTestDatabase, dialects, type TestDatabase } from './testDialects.js'
import { testRecords as r } from './testRecords.js'

const coinbaseTx = r.hash(200)
const spendTx = r.hash(201)
const token = r.address(0xdac17)

/** Bitcoin: a coinbase and a spend of its output. Ethereum: native, internal and token moves. */
const bitcoin = {
  blocks: [
    r.block({ chain: 'bitcoin', height: 0, hash: r.hash(10), parentHash: null, txCount: 1 }),
    r.block({ chain: 'bitcoin', height: 1, hash: r.hash(11), parentHash: r.hash(10) }),
  ],
  coinbase: {
    transactions: [
      r.transaction({ chain: 'bitcoin', hash: coinbaseTx, blockHeight: 0, value: 5_000_000_000n }),
    ],
    outputs: [r.output({ txHash: coinbaseTx, blockHeight: 0, value: 5_000_000_000n })],
    inputs: [
      r.input({ txHash: coinbaseTx, spentTxHash: null, spentOutputIndex: null, blockHeight: 0 }),
    ],
  },
  spend: {
    transactions: [
      r.transaction({
        chain: 'bitcoin',
        hash: spendTx,
        blockHeight: 1,
        index: 1,
        value: 4_999_990_000n,
      }),
    ],
    outputs: [
      r.output({
        txHash: spendTx,
        index: 0,
        address: 'bc1qspendone',
        value: 3_000_000_000n,
        blockHeight: 1,
        txIndex: 1,
      }),
      r.output({
        txHash: spendTx,
        index: 1,
        address: null,
        value: 1_999_990_000n,
        scriptType: 'nonstandard',
        blockHeight: 1,
        txIndex: 1,
      }),
    ],
    inputs: [r.input({ txHash: spendTx, spentTxHash: coinbaseTx, spentOutputIndex: 0 })],
  },
}
const ethereum = {
  blocks: [r.block({ height: 100, hash: r.hash(20) })],
  transactions: [
    r.transaction({
      hash: r.hash(30),
      blockHeight: 100,
      index: 0,
      value: 10n ** 18n,
      fee: 21_000n,
    }),
    r.transaction({ hash: r.hash(31), blockHeight: 100, index: 1, fee: 50_000n, success: false }),
  ],
  transfers: [
    r.transfer({ txHash: r.hash(30), blockHeight: 100, amount: 10n ** 18n }),
    r.transfer({
      txHash: r.hash(31),
      kind: 'internal',
      position: transferPosition.internal([0]),
      to: r.address(3),
      amount: 5n,
      blockHeight: 100,
      txIndex: 1,
    }),
    r.transfer({
      txHash: r.hash(31),
      kind: 'token',
      position: transferPosition.token(0),
      asset: token,
      amount: 7n,
      blockHeight: 100,
      txIndex: null,
    }),
  ],
}

function sampleBatch(): ChainBatch {
  return r.batch({
    blocks: [...bitcoin.blocks, ...ethereum.blocks],
    transactions: [
      ...bitcoin.coinbase.transactions,
      ...bitcoin.spend.transactions,
      ...ethereum.transactions,
    ],
    outputs: [...bitcoin.coinbase.outputs, ...bitcoin.spend.outputs],
    inputs: [...bitcoin.coinbase.inputs, ...bitcoin.spend.inputs],
    transfers: ethereum.transfers,
  })
}

function counts(batch: ChainBatch): WriteResult {
  return {
    blocks: batch.blocks.length,
    transactions: batch.transactions.length,
    outputs: batch.outputs.length,
    inputs: batch.inputs.length,
    transfers: batch.transfers.length,
    swaps: batch.swaps?.length ?? 0,
    bridgeDeposits: batch.bridgeDeposits?.length ?? 0,
  }
}

/** What `stats()` must report, computed independently from the records written. */
function expectedStats(batch: ChainBatch): ChainStats[] {
  const chainIds = new Set(
    Object.values(batch).flatMap((records: readonly { chain: string }[]) =>
      records.map((x) => x.chain),
    ),
  )
  return [...chainIds].sort().map((id) => {
    const chain = parseChainId(id)
    const of = <T extends { chain: string }>(records: readonly T[]) =>
      records.filter((x) => x.chain === id)
    const transfers = of(batch.transfers)
    const addresses = new Set(
      [
        ...of(batch.outputs).map((o) => o.address),
        ...of(batch.inputs).map((i) => i.address),
        ...transfers.flatMap((t) => [t.from, t.to]),
      ].filter((a) => a !== null),
    )
    const assets: Record<string, string> = {}
    const add = (asset: string, amount: bigint) => {
      assets[asset] = (BigInt(assets[asset] ?? 0) + amount).toString()
    }
    if (chains[chain].model === 'utxo')
      for (const o of of(batch.outputs)) add(chains[chain].nativeAsset, o.value)
    for (const t of transfers.filter((t) => t.asset === NATIVE_ASSET))
      add(chains[chain].nativeAsset, t.amount)
    for (const t of [...transfers].sort((a, b) => (a.asset < b.asset ? -1 : 1))) {
      if (t.asset !== NATIVE_ASSET) add(t.asset, t.amount)
    }
    return {
      chain,
      blocks: of(batch.blocks).length,
      transactions: of(batch.transactions).length,
      inputs: of(batch.inputs).length,
      outputs: of(batch.outputs).length,
      native_transfers: transfers.filter((t) => t.kind === 'native').length,
      internal_transfers: transfers.filter((t) => t.kind === 'internal').length,
      token_transfers: transfers.filter((t) => t.kind === 'token').length,
      swaps: of(batch.swaps ?? []).length,
      bridge_deposits: of(batch.bridgeDeposits ?? []).length,
      addresses: addresses.size,
      assets,
    }
  })
}

const none: WriteResult = {
  blocks: 0,
  transactions: 0,
  outputs: 0,
  inputs: 0,
  transfers: 0,
  swaps: 0,
  bridgeDeposits: 0,
}

describe.each(dialects)('%s: store', (dialect) => {
  let database: TestDatabase
  let store: SqlStore
  beforeAll(async () => {
    database = createTestDatabase(dialect)
    store = await database.open()
  })
  afterAll(async () => {
    await database.dispose(store)
  })
  beforeEach(async () => {
    await database.clear(store)
  })

  test('default', async () => {
    const batch = sampleBatch()
    expect(store.dialect).toBe(dialect)
    expect(await store.stats()).toEqual([])
    expect(await store.writeBatch(batch)).toEqual(counts(batch))
    expect(await store.stats()).toEqual(expectedStats(batch))
    await store.ping()
  })

  test('behavior: idempotent', async () => {
    const batch = sampleBatch()
    await store.writeBatch(batch, { source: 'file-a', position: 3 })
    const stats = await store.stats()
    expect(await store.writeBatch(batch, { source: 'file-a', position: 3 })).toEqual(none)
    expect(await store.stats()).toEqual(stats)
    // Duplicates inside one batch count once.
    const twice = r.batch({ transfers: [...ethereum.transfers, ...ethereum.transfers] })
    await database.clear(store)
    expect(await store.writeBatch(twice)).toEqual({ ...none, transfers: ethereum.transfers.length })
  })

  test('behavior: atomic', async () => {
    // A NOT NULL column set to null (impossible through the types) makes the last insert fail.
    const broken = { ...r.transfer({ position: 'z' }), asset: null } as unknown as TransferRecord
    const batch = r.batch({ ...sampleBatch(), transfers: [...ethereum.transfers, broken] })
    const failure = await store
      .writeBatch(batch, { source: 'file-a', position: 10 })
      .catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'internal')).toBe(true)
    expect(await store.stats()).toEqual([])
    expect(await store.checkpoint('file-a')).toBe(0)
  })

  test('behavior: checkpoint', async () => {
    expect(await store.checkpoint('file-a')).toBe(0)
    expect(await store.writeBatch(r.batch(), { source: 'file-a', position: 5 })).toEqual(none)
    expect(await store.checkpoint('file-a')).toBe(5)
    await store.writeBatch(r.batch({ blocks: bitcoin.blocks }), {
      source: 'file-a',
      position: 2 ** 40,
    })
    expect(await store.checkpoint('file-a')).toBe(2 ** 40)
    expect(await store.checkpoint('file-b')).toBe(0)
    const failure = await store
      .writeBatch(r.batch(), { source: 'file-a', position: -1 })
      .catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'input.invalid')).toBe(true)
  })

  test('behavior: resolvePending', async () => {
    // The spend and the token transfer arrive before what they refer to.
    const [spendInput] = bitcoin.spend.inputs
    await store.writeBatch(
      r.batch({
        transactions: bitcoin.spend.transactions,
        outputs: bitcoin.spend.outputs,
        inputs: bitcoin.spend.inputs,
        transfers: ethereum.transfers,
      }),
    )
    expect(await store.resolvePending()).toEqual({ inputs: 0, transfers: 0 })
    await store.writeBatch(
      r.batch({
        ...bitcoin.coinbase,
        transactions: [...bitcoin.coinbase.transactions, ...ethereum.transactions],
      }),
    )
    expect(await store.resolvePending()).toEqual({ inputs: 1, transfers: 1 })
    expect(await store.resolvePending()).toEqual({ inputs: 0, transfers: 0 })

    const inputs = await store.db
      .selectFrom('inputs')
      .select(['tx_hash', 'address', 'value'])
      .orderBy('tx_hash')
      .execute()
    const [coinbaseOutput] = bitcoin.coinbase.outputs
    expect(
      inputs.map((row) => ({ ...row, value: row.value === null ? null : BigInt(row.value) })),
    ).toEqual([
      { tx_hash: coinbaseTx, address: null, value: null },
      {
        tx_hash: spendInput?.txHash,
        address: coinbaseOutput?.address,
        value: coinbaseOutput?.value,
      },
    ])
    const token = await store.db
      .selectFrom('transfers')
      .select('tx_index')
      .where('kind', '=', 'token')
      .executeTakeFirstOrThrow()
    expect(token.tx_index).toBe(ethereum.transactions[1]?.index)

    const fees = await store.db
      .selectFrom('transactions')
      .select(['hash', 'fee'])
      .where('chain', '=', 'bitcoin')
      .orderBy('hash')
      .execute()
    const spent = bitcoin.coinbase.outputs.reduce((sum, o) => sum + o.value, 0n)
    const paid = bitcoin.spend.outputs.reduce((sum, o) => sum + o.value, 0n)
    expect(fees.map((row) => ({ ...row, fee: row.fee === null ? null : BigInt(row.fee) }))).toEqual(
      [
        { hash: coinbaseTx, fee: null },
        { hash: spendTx, fee: spent - paid },
      ],
    )
  })

  test('behavior: amounts beyond 64 bits', async () => {
    const max = 2n ** 256n - 1n
    const amounts = [max, 2n ** 64n + 1n, 1n]
    const transfers = amounts.map((amount, index) =>
      r.transfer({ kind: 'token', asset: token, position: transferPosition.token(index), amount }),
    )
    const outputs = [r.output({ value: 2n ** 64n + 1n }), r.output({ index: 1, value: max })]
    await store.writeBatch(r.batch({ transfers, outputs }))

    const rows = await store.db
      .selectFrom('transfers')
      .select('amount')
      .orderBy('position')
      .execute()
    expect(rows.map((row) => BigInt(row.amount))).toEqual(amounts)
    const stats = await store.stats()
    expect(stats.map((s) => s.assets)).toEqual([
      { BTC: (2n ** 64n + 1n + max).toString() },
      { [token]: amounts.reduce((sum, a) => sum + a, 0n).toString() },
    ])
  })

  test('behavior: sums over many rows', async () => {
    // 12,000 rows cross PostgreSQL's per-statement chunk; the totals overflow 64-bit integers.
    const transfers = Array.from({ length: 12_000 }, (_, i) =>
      r.transfer({
        txHash: r.hash(1_000 + Math.floor(i / 3)),
        kind: 'token',
        position: transferPosition.token(i % 3),
        asset: r.address(0xa0 + (i % 3)),
        from: r.address(10 + (i % 50)),
        to: r.address(100 + (i % 70)),
        amount: 10n ** 30n + BigInt(i),
      }),
    )
    const outputs = Array.from({ length: 3_000 }, (_, i) =>
      r.output({
        txHash: r.hash(50_000 + i),
        address: `bc1q${i % 40}`,
        value: 2n ** 62n + BigInt(i),
      }),
    )
    const batch = r.batch({ transfers, outputs })
    expect(await store.writeBatch(batch)).toEqual(counts(batch))
    expect(await store.stats()).toEqual(expectedStats(batch))
  })

  test('behavior: migrations run once', async () => {
    await store.writeBatch(sampleBatch())
    const again = await database.open()
    try {
      expect(await again.stats()).toEqual(await store.stats())
      const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(
        again.db,
      )
      expect(migrations.rows).toEqual([
        { name: '0001_init' },
        { name: '0002_lists' },
        { name: '0003_swaps_bridges' },
        { name: '0004_ingest_status' },
        { name: '0005_monitoring' },
        { name: '0006_retro_hunt' },
      ])
    } finally {
      await again.close()
    }
    const closed = await database.open()
    await closed.close()
    const failure = await closed.ping().catch((error: unknown) => error)
    expect(isChainwatchError(failure, 'store.unavailable')).toBe(true)
  })
})
