import SqliteDatabase from 'better-sqlite3'
import { expect, test } from 'vitest'
import { transferPosition } from '../chain/index.js'
import { openSqliteStore, transferInsertParams, transferInsertSql } from './index.js'
import { testRecords as r } from './testRecords.js'

test('default: the statement and values writeBatch uses for a transfer', () => {
  const transfer = r.transfer({
    kind: 'token',
    position: transferPosition.token(3),
    asset: r.address(0xdac17),
    amount: 2n ** 256n - 1n,
    txIndex: null,
  })
  expect(transferInsertSql).toMatchInlineSnapshot(
    `"INSERT INTO transfers (chain, tx_hash, position, kind, asset, from_address, to_address, amount, block_height, tx_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"`,
  )
  expect(transferInsertParams(transfer)).toMatchInlineSnapshot(`
    [
      "ethereum",
      "0x0000000000000000000000000000000000000000000000000000000000000064",
      "c000003",
      "token",
      "0x00000000000000000000000000000000000dac17",
      "0x0000000000000000000000000000000000000001",
      "0x0000000000000000000000000000000000000002",
      "115792089237316195423570985008687907853269984665640564039457584007913129639935",
      1,
      null,
    ]
  `)
})

test('behavior: baseline rows land in the table writeBatch writes', async () => {
  const store = await openSqliteStore({ path: ':memory:' })
  expect(store.database).toBeInstanceOf(SqliteDatabase)
  const insert = store.database.prepare(transferInsertSql)
  const transfers = [r.transfer(), r.transfer({ txHash: r.hash(101) })]
  store.database.transaction(() => {
    for (const transfer of transfers) insert.run(transferInsertParams(transfer))
  })()
  expect(await store.writeBatch(r.batch({ transfers }))).toMatchObject({ transfers: 0 })
  await store.close()
})
