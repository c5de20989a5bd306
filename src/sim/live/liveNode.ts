import { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'
import { hexData, hexQuantity, type LiveRpc } from './liveRpc.js'

/** The node methods `sim live` relies on: anvil's test-node controls. */
export const REQUIRED_METHODS = [
  'anvil_autoImpersonateAccount',
  'anvil_setCode',
  'anvil_setBalance',
  'anvil_setStorageAt',
  'anvil_getAutomine',
  'evm_setAutomine',
  'evm_setBlockGasLimit',
  'evm_mine',
] as const

/** JSON-RPC "method not found". */
const METHOD_NOT_FOUND = -32601

/**
 * Checks the node offers every test-node method live mode needs, by calling each with
 * parameters it rejects (a method that exists says "invalid params"; one that does not, "not
 * found"), so nothing changes on the node.
 *
 * @throws ChainwatchError `rpc.failed` naming the missing methods.
 */
export async function requireAnvil(rpc: LiveRpc): Promise<void> {
  const probes = REQUIRED_METHODS.filter((m) => m !== 'anvil_getAutomine')
  const answers = await rpc.batch([
    // evm_mine accepts no parameters (and would mine), so it gets an invalid one.
    ...probes.map((method) => ({ method, params: method === 'evm_mine' ? ['probe'] : [] })),
    { method: 'anvil_getAutomine', params: [] },
  ])
  const missing = [...probes, 'anvil_getAutomine'].filter((_, i) => {
    const answer = answers[i]
    return (
      answer !== undefined &&
      !answer.ok &&
      (answer.code === METHOD_NOT_FOUND || /method not found|not supported/i.test(answer.message))
    )
  })
  if (missing.length > 0) {
    throw new ChainwatchError(
      'rpc.failed',
      `The node at ${rpc.endpoint} is not an anvil test node: sim live needs ${missing.join(', ')}.`,
      { meta: { missing: missing.join(', ') } },
    )
  }
}

export const blockSchema = z.object({
  number: hexQuantity,
  hash: hexData,
  timestamp: hexQuantity,
  gasLimit: hexQuantity,
  transactions: z.array(hexData),
})

export const receiptsSchema = z.array(
  z.object({ transactionHash: hexData, status: hexQuantity.optional() }),
)

/** The node's latest block (transaction hashes only). */
export function latestBlock(rpc: LiveRpc) {
  return rpc.call('eth_getBlockByNumber', ['latest', false], blockSchema)
}
