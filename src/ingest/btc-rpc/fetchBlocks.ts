import { ChainwatchError } from '../../errors/index.js'
import { mapWithConcurrency } from '../evm/limits.js'
import type { BitcoinRpcClient } from './bitcoinRpcClient.js'
import { hash, height, type RpcBlock, rpcBlock } from './rpcSchemas.js'

export type Verbosity = 2 | 3

export async function fetchBlockCount(rpc: BitcoinRpcClient): Promise<number> {
  return rpc.call({ method: 'getblockcount', params: [] }, height)
}

/** Hashes of the blocks at these heights, in one batch request. */
export async function fetchBlockHashes(
  rpc: BitcoinRpcClient,
  heights: readonly number[],
): Promise<string[]> {
  return rpc.batch(
    heights.map((h) => ({ method: 'getblockhash', params: [h], height: h })),
    hash,
  )
}

/**
 * Blocks `start`…`end` (hashes in one batch, then `getblock` with at most `concurrency` in
 * flight), each checked to be the block asked for. Consecutive blocks must link: a break means
 * the node switched branches between our calls, and the caller fetches again.
 */
export async function fetchBlockRange(
  rpc: BitcoinRpcClient,
  start: number,
  end: number,
  options: { readonly verbosity: Verbosity; readonly concurrency: number },
): Promise<{ readonly blocks: RpcBlock[]; readonly linked: boolean }> {
  const heights = Array.from({ length: end - start + 1 }, (_, i) => start + i)
  const hashes = await fetchBlockHashes(rpc, heights)
  const blocks = await mapWithConcurrency(hashes, options.concurrency, async (blockHash, i) => {
    const h = start + i
    const block = await rpc.call(
      { method: 'getblock', params: [blockHash, options.verbosity], height: h },
      rpcBlock,
    )
    if (block.hash !== blockHash || block.height !== h) {
      throw new ChainwatchError(
        'rpc.malformed',
        `getblock for block ${h} returned block ${block.height} (${block.hash}), not ${blockHash}.`,
        { meta: { endpoint: rpc.endpoint, method: 'getblock', height: h } },
      )
    }
    if (options.verbosity === 3) requirePrevouts(block, rpc.endpoint)
    return block
  })
  let linked = true
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]?.previousblockhash !== blocks[i - 1]?.hash) linked = false
  }
  return { blocks, linked }
}

/** Verbosity 3 promises `prevout` on every input; a node too old for it (< 23) leaves it out. */
function requirePrevouts(block: RpcBlock, endpoint: string): void {
  for (const tx of block.tx) {
    for (const input of tx.vin) {
      if ('txid' in input && input.prevout === undefined) {
        throw new ChainwatchError(
          'rpc.malformed',
          `getblock verbosity 3 for block ${block.height} has an input without prevout (transaction ${tx.txid}); the node is older than Bitcoin Core 23: use --verbosity 2.`,
          { meta: { endpoint, method: 'getblock', height: block.height, txid: tx.txid } },
        )
      }
    }
  }
}
