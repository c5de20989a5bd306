import { ChainwatchError } from '../../errors/index.js'
import type { ChainId } from '../chains.js'
import type {
  Amount,
  BlockRecord,
  ChainBatch,
  InputRecord,
  OutputRecord,
  TransactionRecord,
} from '../model.js'
import type { BitcoinNetwork } from './BitcoinNetwork.js'
import { classifyOutputScript } from './classifyOutputScript.js'
import type { DecodedBlock } from './DecodedBlock.js'
import { nullDataPayload } from './nullDataPayload.js'
import type { PrevoutResolver } from './Prevout.js'

export type BlockToBatchParameters = {
  readonly block: DecodedBlock
  readonly chain: Extract<ChainId, 'bitcoin'>
  /** The block's height; defaults to the one its coinbase declares (BIP 34). */
  readonly height?: number
  /** Decides address encoding; mainnet by default. */
  readonly network?: BitcoinNetwork
  /** Looks up outputs spent from earlier blocks, to fill in input address, value and fee. */
  readonly resolvePrevout?: PrevoutResolver
}

const allZeroHash = '0'.repeat(64)

/**
 * Turns a decoded block into the records of the value-flow model: one block, its transactions,
 * outputs (address per `classifyOutputScript`) and inputs. An input's address and value are
 * filled in when it spends an output of an earlier transaction of the same block (or one
 * `resolvePrevout` knows), else left null for the store to resolve. A transaction's fee is
 * known only when all its input values are; a coinbase's fee is 0.
 *
 * @example
 * const batch = blockToBatch({ block: decodeBlock(bytes), chain: 'bitcoin' })
 */
export function blockToBatch(params: BlockToBatchParameters): ChainBatch {
  const { block, chain, network = 'mainnet', resolvePrevout } = params
  const height = blockHeight(block, params.height)
  const blocks: BlockRecord[] = [
    {
      chain,
      height,
      hash: block.hash,
      parentHash: block.prevHash === allZeroHash ? null : block.prevHash,
      time: block.time,
      txCount: block.transactions.length,
    },
  ]
  const transactions: TransactionRecord[] = []
  const outputs: OutputRecord[] = []
  const inputs: InputRecord[] = []
  const earlierOutputs = new Map<string, readonly OutputRecord[]>()
  for (const [txIndex, tx] of block.transactions.entries()) {
    const txOutputs = tx.outputs.map((output, index): OutputRecord => {
      const { scriptType, address } = classifyOutputScript(output.scriptPubKey, network)
      const { value } = output
      const data = scriptType === 'nulldata' ? nullDataPayload(output.scriptPubKey) : null
      return {
        chain,
        txHash: tx.txid,
        index,
        address,
        value,
        scriptType,
        blockHeight: height,
        txIndex,
        ...(data === null ? {} : { data }),
      }
    })
    let inputValue: Amount | null = 0n
    for (const [index, input] of tx.inputs.entries()) {
      const common = { chain, txHash: tx.txid, index, blockHeight: height, txIndex }
      if (input.coinbase) {
        inputs.push({
          ...common,
          spentTxHash: null,
          spentOutputIndex: null,
          address: null,
          value: null,
        })
        continue
      }
      const outpoint = { txid: input.prevTxid, vout: input.vout }
      const spent = earlierOutputs.get(input.prevTxid)?.[input.vout] ?? resolvePrevout?.(outpoint)
      inputValue = spent !== undefined && inputValue !== null ? inputValue + spent.value : null
      inputs.push({
        ...common,
        spentTxHash: input.prevTxid,
        spentOutputIndex: input.vout,
        address: spent?.address ?? null,
        value: spent?.value ?? null,
      })
    }
    const value = txOutputs.reduce((sum, output) => sum + output.value, 0n)
    const coinbase = tx.inputs[0]?.coinbase === true
    transactions.push({
      chain,
      hash: tx.txid,
      blockHeight: height,
      blockHash: block.hash,
      index: txIndex,
      from: null,
      to: null,
      value,
      fee: coinbase ? 0n : inputValue === null ? null : inputValue - value,
      success: true,
    })
    for (const output of txOutputs) outputs.push(output)
    earlierOutputs.set(tx.txid, txOutputs)
  }
  return { blocks, transactions, outputs, inputs, transfers: [] }
}

function blockHeight(block: DecodedBlock, given: number | undefined): number {
  if (given !== undefined) {
    if (Number.isSafeInteger(given) && given >= 0) return given
    throw new ChainwatchError('input.invalid', `Block height ${given} is not a whole number ≥ 0.`, {
      meta: { block: block.hash, input: given },
    })
  }
  if (block.height !== null) return block.height
  throw new ChainwatchError(
    'input.invalid',
    `Block ${block.hash} does not declare its height (no BIP 34 coinbase height); pass its height.`,
    { meta: { block: block.hash, version: block.version } },
  )
}
