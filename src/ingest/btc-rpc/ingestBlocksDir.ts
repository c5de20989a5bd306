import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  type BlockRecord,
  blockToBatch,
  type ChainBatch,
  decodeBlock,
  decodeBlockHeader,
  type InputRecord,
  type OutputRecord,
  type RawBlock,
  readBlockFile,
  type TransactionRecord,
} from '../../chain/index.js'
import { ChainwatchError, isChainwatchError } from '../../errors/index.js'
import type { ResolveResult, Store, WriteResult } from '../../store/index.js'
import { addWriteResults, noWrites } from '../ImportSummary.js'

const BLOCK_FILE = /^blk(\d+)\.dat$/
const GENESIS_PARENT = '0'.repeat(64)
/** Height 0 even when a directory's files leave the genesis block out (btcd's test files do). */
const MAINNET_GENESIS = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f'

export type IngestBlocksDirSummary = {
  readonly directory: string
  readonly files: number
  /** Blocks on the best chain found in the files, and its tip. */
  readonly chainBlocks: number
  readonly tipHeight: number | null
  /** Blocks left out: off the best chain (stale) or not linked to genesis by the files. */
  readonly skipped: number
  /** Best-chain blocks committed by earlier runs (skipped now). */
  readonly resumedAfter: number
  readonly blocks: number
  readonly inserted: WriteResult
  readonly resolved: ResolveResult
  readonly durationMs: number
}

/**
 * Ingests a Bitcoin Core `blocks/` directory (`blk*.dat`; `rev*.dat`, `index/` and an all-zero
 * `xor.dat` are not block data). Bitcoin Core stores blocks as they arrive, so a child may come
 * before its parent and stale blocks sit among the others, and blocks before BIP34 carry no
 * height: a first pass reads every header, links them to genesis and keeps the longest chain;
 * the second decodes that chain's blocks in file order, `batchSize` per store transaction with the
 * checkpoint `blocks-dir:<dir>` (best-chain blocks committed), so a re-run resumes after them.
 * Inputs spending earlier blocks are resolved by the store at the end.
 */
export async function ingestBlocksDir(
  deps: { readonly store: Pick<Store, 'writeBatch' | 'checkpoint' | 'resolvePending'> },
  parameters: { readonly directory: string; readonly batchSize?: number },
): Promise<IngestBlocksDirSummary> {
  const started = performance.now()
  const directory = resolve(parameters.directory)
  const batchSize = parameters.batchSize ?? 50
  const files = await blockFiles(directory)

  // Pass 1: headers → heights → the best chain.
  const parents = new Map<string, string>()
  for (const file of files) {
    for (const raw of await readBlocks(file)) {
      const header = decodeBlockHeader(raw.bytes)
      parents.set(header.hash, header.prevHash)
    }
  }
  const heights = heightsFromGenesis(parents)
  let tip: string | null = null
  let tipHeight = -1
  for (const [hash, height] of heights) {
    if (height > tipHeight && parents.has(hash)) [tip, tipHeight] = [hash, height]
  }
  const best = new Map<string, number>()
  for (let hash = tip; hash !== null && parents.has(hash); hash = parents.get(hash) ?? null) {
    best.set(hash, heights.get(hash) as number)
  }

  // Pass 2: the best chain's blocks in file order, checkpointed.
  const source = `blocks-dir:${directory}`
  const resumedAfter = await deps.store.checkpoint(source)
  let position = 0
  let inserted = noWrites
  let pending: ChainBatch[] = []
  let pendingBlocks = 0
  const flush = async () => {
    if (pendingBlocks === 0) return
    inserted = addWriteResults(
      inserted,
      await deps.store.writeBatch(merge(pending), { source, position }),
    )
    pending = []
    pendingBlocks = 0
  }
  for (const file of files) {
    for (const raw of await readBlocks(file)) {
      const height = best.get(decodeBlockHeader(raw.bytes).hash)
      if (height === undefined) continue
      position++
      if (position <= resumedAfter) continue
      pending.push(blockToBatch({ block: decodeBlock(raw.bytes), chain: 'bitcoin', height }))
      pendingBlocks++
      if (pendingBlocks >= batchSize) await flush()
    }
  }
  await flush()
  const resolved = await deps.store.resolvePending()
  return {
    directory,
    files: files.length,
    chainBlocks: best.size,
    tipHeight: tip === null ? null : tipHeight,
    skipped: parents.size - best.size,
    resumedAfter: Math.min(resumedAfter, position),
    blocks: Math.max(0, position - resumedAfter),
    inserted,
    resolved,
    durationMs: performance.now() - started,
  }
}

/** Height of every block whose parents lead back to genesis (iteratively: chains are long). */
function heightsFromGenesis(parents: ReadonlyMap<string, string>): Map<string, number> {
  const heights = new Map<string, number>([[MAINNET_GENESIS, 0]])
  for (const start of parents.keys()) {
    const path: string[] = []
    let hash: string | undefined = start
    let base: number | undefined
    while (hash !== undefined && base === undefined) {
      const known = heights.get(hash)
      if (known !== undefined) {
        base = known
        break
      }
      path.push(hash)
      const parent = parents.get(hash)
      if (parent === GENESIS_PARENT) base = -1
      hash = parent
    }
    if (base === undefined) continue // an orphan: its ancestry is not in the files
    for (let i = path.length - 1; i >= 0; i--) heights.set(path[i] as string, ++base)
  }
  return heights
}

async function blockFiles(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch((error: unknown) => {
    throw new ChainwatchError(
      'input.invalid',
      `The blocks directory ${directory} cannot be read.`,
      {
        meta: { directory },
        details: error instanceof Error ? error.message : String(error),
      },
    )
  })
  if (names.includes('xor.dat')) {
    const key = await readFile(join(directory, 'xor.dat'))
    // Bitcoin Core 28 XORs new block files with this key; the codec reads plain files only.
    if (!key.every((byte) => byte === 0)) {
      throw new ChainwatchError(
        'input.invalid',
        `The block files in ${directory} are obfuscated (xor.dat holds a non-zero key); use ingest btc --rpc, or a node started with -blocksxor=0 on a fresh data directory.`,
        { meta: { directory } },
      )
    }
  }
  const files = names
    .flatMap((name) => {
      const match = BLOCK_FILE.exec(name)
      return match?.[1] === undefined ? [] : [{ name, number: Number(match[1]) }]
    })
    .sort((a, b) => a.number - b.number)
    .map((file) => join(directory, file.name))
  if (files.length === 0) {
    throw new ChainwatchError('input.invalid', `No blk*.dat files in ${directory}.`, {
      meta: { directory },
    })
  }
  return files
}

async function readBlocks(file: string): Promise<Iterable<RawBlock>> {
  try {
    return [...readBlockFile(await readFile(file))]
  } catch (error) {
    if (isChainwatchError(error)) throw error
    throw new ChainwatchError('import.file_unreadable', `Block file "${file}" cannot be read.`, {
      meta: { file },
      cause: error,
    })
  }
}

function merge(batches: readonly ChainBatch[]): ChainBatch {
  const blocks: BlockRecord[] = []
  const transactions: TransactionRecord[] = []
  const outputs: OutputRecord[] = []
  const inputs: InputRecord[] = []
  for (const batch of batches) {
    blocks.push(...batch.blocks)
    transactions.push(...batch.transactions)
    outputs.push(...batch.outputs)
    inputs.push(...batch.inputs)
  }
  return { blocks, transactions, outputs, inputs, transfers: [] }
}
