import {
  blockToBatch,
  type ChainBatch,
  type DecodedBlock,
  decodeBlock,
  type RawBlock,
} from '../chain/index.js'
import { isChainwatchError } from '../errors/index.js'
import type { ParsedRecord, ParsedRow } from './ParsedRow.js'

const MAINNET_GENESIS = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f'

/**
 * Decodes the blocks of a block file into rows (row N = the file's N-th block). Heights come
 * from the parent when it is earlier in the file (blocks before BIP34 carry no height), else from
 * the coinbase (BIP34); a block whose height cannot be known is a bad row, as is a corrupt one.
 */
export function* rawBlockRows(
  blocks: Iterable<RawBlock>,
  chain: 'bitcoin',
): Generator<readonly ParsedRow[]> {
  const heights = new Map<string, number>([[MAINNET_GENESIS, 0]])
  const iterator = blocks[Symbol.iterator]()
  for (let line = 1; ; line++) {
    let next: IteratorResult<RawBlock>
    try {
      next = iterator.next()
    } catch (error) {
      // A broken frame (bad magic or length) ends the file's readable blocks: report and stop.
      if (!isChainwatchError(error)) throw error
      yield [{ line, error: error.shortMessage }]
      return
    }
    if (next.done) return
    yield [decodeRow(next.value, line, chain, heights)]
  }
}

function decodeRow(
  raw: RawBlock,
  line: number,
  chain: 'bitcoin',
  heights: Map<string, number>,
): ParsedRow {
  let block: DecodedBlock
  try {
    block = decodeBlock(raw.bytes)
  } catch (error) {
    if (!isChainwatchError(error)) throw error
    return { line, error: error.shortMessage }
  }
  const height = heightOf(block, heights)
  if (height === null) {
    return {
      line,
      error: `block ${block.hash}: height unknown (no BIP34 height and its parent ${block.prevHash} is not earlier in the file)`,
    }
  }
  heights.set(block.hash, height)
  return { line, records: toRecords(blockToBatch({ block, chain, height })) }
}

function heightOf(block: DecodedBlock, heights: ReadonlyMap<string, number>): number | null {
  const parent = heights.get(block.prevHash)
  if (parent !== undefined) return parent + 1
  if (/^0+$/.test(block.prevHash)) return 0
  return block.height
}

function toRecords(batch: ChainBatch): ParsedRecord[] {
  const records: ParsedRecord[] = []
  for (const record of batch.blocks) records.push({ type: 'block', record })
  for (const record of batch.transactions) records.push({ type: 'transaction', record })
  for (const record of batch.outputs) records.push({ type: 'output', record })
  for (const record of batch.inputs) records.push({ type: 'input', record })
  for (const record of batch.transfers) records.push({ type: 'transfer', record })
  return records
}
