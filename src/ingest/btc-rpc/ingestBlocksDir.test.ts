import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { sharedData } from '../../../test/harness.js'
import { decodeBlockHeader, decompressBzip2 } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { openStore, type Store } from '../../store/index.js'
import { ingestBlocksDir } from './ingestBlocksDir.js'

let directory: string
let store: Store
beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cw-blocks-'))
  store = await openStore(`sqlite:${join(directory, 'store.db')}`)
})
afterEach(async () => {
  await store.close()
  rmSync(directory, { recursive: true, force: true })
})

/** Mainnet blocks 1–255 in blk*.dat framing (btcd's test file), split into two block files. */
async function blocks1to255(): Promise<Buffer> {
  return Buffer.from(
    await decompressBzip2(readFileSync(sharedData('bitcoin-blocks/btcd_blocks1-256.bz2'))),
  )
}

/** Byte offset of the frame of the `count`-th block (0-based) in blk framing. */
function frameAt(bytes: Buffer, count: number): number {
  let at = 0
  for (let i = 0; i < count; i++) at += 8 + bytes.readUInt32LE(at + 4)
  return at
}

async function writeBlockFiles(blocksDir: string): Promise<void> {
  const bytes = await blocks1to255()
  // Each record: 4 magic bytes, a little-endian length, the block. Split after block 100.
  const at = frameAt(bytes, 100)
  writeFileSync(join(blocksDir, 'blk00000.dat'), bytes.subarray(0, at))
  writeFileSync(join(blocksDir, 'blk00001.dat'), bytes.subarray(at))
  // Undo data and Core 28's (here all-zero) obfuscation key are not block files.
  writeFileSync(join(blocksDir, 'rev00000.dat'), Buffer.alloc(16))
  writeFileSync(join(blocksDir, 'xor.dat'), Buffer.alloc(8))
}

test('blocks 1–255 in two blk files get their heights across files, and a re-run resumes past them', async () => {
  const blocksDir = mkdtempSync(join(directory, 'blocks-'))
  await writeBlockFiles(blocksDir)
  const first = await ingestBlocksDir({ store }, { directory: blocksDir, batchSize: 40 })
  expect(first).toMatchObject({
    files: 2,
    chainBlocks: 255,
    tipHeight: 255,
    skipped: 0,
    resumedAfter: 0,
    blocks: 255,
  })
  expect(first.inserted.blocks).toBe(255)
  // Heights run on across the files (blocks before BIP34 carry none): block 1 is the first one.
  const tip = await store.tip('bitcoin')
  expect(tip?.height).toBe(255)
  const again = await ingestBlocksDir({ store }, { directory: blocksDir })
  expect(again).toMatchObject({ resumedAfter: 255, blocks: 0 })
  expect(again.inserted.blocks).toBe(0)
})

test('refuses obfuscated block files (a non-zero xor.dat key) and a directory without blk files', async () => {
  const blocksDir = mkdtempSync(join(directory, 'blocks-'))
  writeFileSync(join(blocksDir, 'xor.dat'), Buffer.from('0102030405060708', 'hex'))
  await expect(ingestBlocksDir({ store }, { directory: blocksDir })).rejects.toThrow(
    /are obfuscated \(xor.dat holds a non-zero key\)/,
  )
  rmSync(join(blocksDir, 'xor.dat'))
  const error = await ingestBlocksDir({ store }, { directory: blocksDir }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ChainwatchError)
  expect((error as ChainwatchError).code).toBe('input.invalid')
})

test('out of order and stale: children before parents across files, a stale block left out', async () => {
  const blocksDir = mkdtempSync(join(directory, 'blocks-'))
  const bytes = await blocks1to255()
  const split = frameAt(bytes, 100)
  // A competitor of block 101 (same parent, another nonce): a one-block stale branch.
  const stale = Buffer.from(bytes.subarray(split, frameAt(bytes, 101)))
  stale.writeUInt32LE((stale.readUInt32LE(8 + 76) ^ 1) >>> 0, 8 + 76)
  writeFileSync(join(blocksDir, 'blk00000.dat'), Buffer.concat([bytes.subarray(split), stale]))
  writeFileSync(join(blocksDir, 'blk00001.dat'), bytes.subarray(0, split))
  const summary = await ingestBlocksDir({ store }, { directory: blocksDir })
  expect(summary).toMatchObject({ chainBlocks: 255, tipHeight: 255, skipped: 1, blocks: 255 })
  const block101 = decodeBlockHeader(bytes.subarray(split + 8)).hash
  expect(decodeBlockHeader(stale.subarray(8)).hash).not.toBe(block101)
  expect(await store.blockHash('bitcoin', 101)).toBe(block101)
  expect((await store.stats())[0]).toMatchObject({ chain: 'bitcoin', blocks: 255 })
})
