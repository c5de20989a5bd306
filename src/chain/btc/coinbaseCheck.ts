import { ChainwatchError } from '../../errors/index.js'
import type { Amount } from '../model.js'
import type { DecodedBlock, DecodedOutput } from './DecodedBlock.js'
import type { PrevoutResolver } from './Prevout.js'

export type CoinbaseCheckParameters = {
  readonly block: DecodedBlock
  /** The block's height; defaults to the one its coinbase declares (BIP 34). */
  readonly height?: number
  /** Looks up outputs spent from earlier blocks; without it only same-block spends are known. */
  readonly resolvePrevout?: PrevoutResolver
}

export type CoinbaseCheckResult = {
  /** New coins the block may create at its height. */
  readonly subsidy: Amount
  /** Sum of the non-coinbase transactions' fees; null when some input's value is unknown. */
  readonly fees: Amount | null
  /** Sum of the coinbase transaction's outputs. */
  readonly coinbaseValue: Amount
  /** coinbaseValue ≤ subsidy + fees (the consensus rule); null when fees are unknown. */
  readonly ok: boolean | null
  /** Inputs whose spent output neither the block nor `resolvePrevout` knows. */
  readonly unresolvedInputs: number
}

/** 50 BTC in satoshi, the subsidy of the first 210,000 blocks. */
const initialSubsidy = 5_000_000_000n
const halvingInterval = 210_000

/** The block subsidy at `height`: 50 BTC halved every 210,000 blocks, 0 after 64 halvings. */
export function blockSubsidy(height: number): Amount {
  const halvings = Math.floor(height / halvingInterval)
  return halvings >= 64 ? 0n : initialSubsidy >> BigInt(halvings)
}

/**
 * Checks that a block's coinbase claims no more than the subsidy plus the fees of its other
 * transactions. Fees need the value of every spent output: from earlier transactions of the same
 * block, or from `resolvePrevout`.
 *
 * @example
 * coinbaseCheck({ block, height: 170, resolvePrevout }).ok // true
 */
export function coinbaseCheck(params: CoinbaseCheckParameters): CoinbaseCheckResult {
  const { block, resolvePrevout } = params
  const height = params.height ?? block.height
  if (height === null || !Number.isSafeInteger(height) || height < 0) {
    throw new ChainwatchError(
      'input.invalid',
      `Block ${block.hash} has no known height; pass a whole number ≥ 0.`,
      { meta: { block: block.hash, input: params.height } },
    )
  }
  const subsidy = blockSubsidy(height)
  const earlierOutputs = new Map<string, readonly DecodedOutput[]>()
  let coinbaseValue = 0n
  let fees = 0n
  let unresolvedInputs = 0
  for (const tx of block.transactions) {
    const outputValue = tx.outputs.reduce((sum, output) => sum + output.value, 0n)
    if (tx.inputs[0]?.coinbase === true) {
      coinbaseValue += outputValue
    } else {
      let inputValue = 0n
      for (const input of tx.inputs) {
        const outpoint = { txid: input.prevTxid, vout: input.vout }
        const spent = earlierOutputs.get(input.prevTxid)?.[input.vout] ?? resolvePrevout?.(outpoint)
        if (spent === undefined) unresolvedInputs += 1
        else inputValue += spent.value
      }
      fees += inputValue - outputValue
    }
    earlierOutputs.set(tx.txid, tx.outputs)
  }
  const known = unresolvedInputs === 0
  return {
    subsidy,
    fees: known ? fees : null,
    coinbaseValue,
    ok: known ? coinbaseValue <= subsidy + fees : null,
    unresolvedInputs,
  }
}
