import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ChainwatchError } from '../errors/index.js'
import { openStore, type Store } from '../store/index.js'
import { importSource } from './importSource.js'
import { openSource } from './openSource.js'

const token = '0xf4eced2f682ce333f96f2d8966c613ded8fc95dd'
const from = '0x1b63142628311395ceafeea5667e7c9026c862ca'
const to = '0xac4df82fe37ea2187bc8c011a23d743b4f39019a'
const row = (n: number) =>
  `${token},${from},${to},${n + 1},0x${n.toString(16).padStart(64, '0')},${n},483920`

let dir: string
let file: string
let store: Store
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-source-'))
  file = join(dir, 'token_transfers.csv')
  const lines = [
    'token_address,from_address,to_address,value,transaction_hash,log_index,block_number',
  ]
  for (let n = 0; n < 10; n++) lines.push(row(n))
  writeFileSync(file, `${lines.join('\n')}\n`)
  store = await openStore('sqlite::memory:')
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

test('default: batches commit in order with their checkpoints', async () => {
  const writeBatch = vi.spyOn(store, 'writeBatch')
  const summary = await importSource(
    { store },
    { source: await openSource({ path: file }), strict: false, batchSize: 4 },
  )
  expect(summary).toMatchObject({ rows: 10, records: 10, badRows: 0, inserted: { transfers: 10 } })
  expect(
    writeBatch.mock.calls.map(([batch, checkpoint]) => [
      batch.transfers.length,
      checkpoint?.position,
    ]),
  ).toEqual([
    [4, 5],
    [4, 9],
    [2, 11],
  ])
})

test('behavior: resumes after the committed checkpoint', async () => {
  const source = await openSource({ path: file })
  await store.writeBatch(
    { blocks: [], transactions: [], outputs: [], inputs: [], transfers: [] },
    { source: source.key, position: 7 },
  )
  const summary = await importSource({ store }, { source, strict: false, batchSize: 4 })
  expect(summary).toMatchObject({ resumedAfter: 7, rows: 4, inserted: { transfers: 4 } })
})

describe('errors', () => {
  test('error: a failing write stops the import with the store error', async () => {
    const original = store.writeBatch.bind(store)
    let calls = 0
    // Fault injection at the store edge: the second write fails as a lost connection would.
    vi.spyOn(store, 'writeBatch').mockImplementation(async (batch, checkpoint) => {
      calls++
      if (calls === 2)
        throw new ChainwatchError('store.unavailable', 'The database is unreachable.')
      return original(batch, checkpoint)
    })
    const source = await openSource({ path: file })
    await expect(importSource({ store }, { source, strict: false, batchSize: 4 })).rejects.toThrow(
      'The database is unreachable.',
    )
    expect(await store.checkpoint(source.key)).toBe(5)
  })
})
