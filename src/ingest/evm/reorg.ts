import { z } from 'zod'
import type { ChainId } from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import type { RollbackResult, Store } from '../../store/index.js'
import type { RpcClient } from './rpcClient.js'
import { hash, smallQuantity } from './rpcSchemas.js'

/** What a reorganisation undid: rows at heights > `forkPoint` were deleted. */
export type ReorgEvent = {
  /** The highest block the store and the node still agree on (-1: none). */
  readonly forkPoint: number
  /** How many stored blocks were replaced. */
  readonly depth: number
  readonly rolledBack: RollbackResult
}

const header = z.object({ number: smallQuantity, hash, parentHash: hash })
type Header = z.output<typeof header>

/** The node's block `n`: number, hash and parent hash (the same call `fetchBlock` makes). */
export async function fetchHeader(rpc: RpcClient, n: number): Promise<Header> {
  const block = await rpc.request(
    { method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, true], block: n },
    header.nullable(),
  )
  if (block === null) {
    throw new ChainwatchError('rpc.malformed', `eth_getBlockByNumber found no block ${n}.`, {
      meta: { endpoint: rpc.endpoint, block: n },
    })
  }
  return block
}

export type UnwindParameters = {
  readonly chain: ChainId
  /** The first block that did not link to the stored block before it. */
  readonly height: number
  /** Stored blocks below this are never compared (the run's `--from`). */
  readonly floor: number
  readonly maxDepth: number
}

/**
 * The node's block `height` names a parent the store does not hold at `height − 1`: walks back,
 * comparing the node's blocks with the stored ones, to the highest height where they agree, and
 * rolls the store back above it (one transaction). A node whose own block `height − 1` is the
 * stored one yet whose block `height` names another parent contradicts itself (a lying or broken
 * node, not a reorganisation): `rpc.malformed`, nothing deleted. So is a fork deeper than
 * `maxDepth`.
 */
export async function unwindToForkPoint(
  deps: {
    readonly store: Pick<Store, 'blockHash' | 'rollbackFrom'>
    readonly rpc: RpcClient
  },
  { chain, height, floor, maxDepth }: UnwindParameters,
): Promise<ReorgEvent> {
  const { store, rpc } = deps
  let forkPoint = height - 1
  for (; forkPoint >= floor; forkPoint--) {
    const stored = await store.blockHash(chain, forkPoint)
    if (stored === null) break
    const node = await fetchHeader(rpc, forkPoint)
    if (node.hash === stored) break
    if (height - forkPoint > maxDepth) {
      throw new ChainwatchError(
        'rpc.malformed',
        `The node's chain differs from the store's for more than ${maxDepth} blocks below block ${height}; refusing to roll back that far.`,
        { meta: { endpoint: rpc.endpoint, chain, block: height, maxDepth } },
      )
    }
  }
  if (forkPoint === height - 1) {
    // Re-read block `height`: a reorganisation between our two calls would now link up.
    const again = await fetchHeader(rpc, height)
    const stored = await store.blockHash(chain, height - 1)
    if (stored !== null && again.parentHash !== stored) {
      throw new ChainwatchError(
        'rpc.malformed',
        `The node's block ${height} names parent ${again.parentHash}, but its own block ${height - 1} is ${stored}: the node contradicts itself.`,
        { meta: { endpoint: rpc.endpoint, chain, block: height, parentHash: again.parentHash } },
      )
    }
  }
  const rolledBack = await store.rollbackFrom(chain, forkPoint + 1)
  return { forkPoint, depth: height - 1 - forkPoint, rolledBack }
}
