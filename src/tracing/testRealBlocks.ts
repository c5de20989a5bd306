import { fileURLToPath } from 'node:url'
import {
  classifyOutputScript,
  type DecodedBlock,
  decodeBlock,
  readBlockFileAsync,
} from '../chain/index.js'
import type { TracePolicy, TraceResult, UtxoInput, UtxoTxEvent } from './index.js'
import { emptyTotals } from './traceState.js'
// Forward traces over real mainnet blocks, checked against figures computed by hand from the raw
// output values (docs/tracing.md, UTXO model).

export const blockPath = (name: string) =>
  fileURLToPath(new URL(`../../../shared/data/bitcoin-blocks/${name}`, import.meta.url))
export const btc = (coins: bigint) => coins * 100_000_000n
export const policies: readonly TracePolicy[] = ['poison', 'haircut', 'fifo']

export async function readBlocks(name: string): Promise<DecodedBlock[]> {
  return [...(await readBlockFileAsync(blockPath(name)))].map((raw) => decodeBlock(raw.bytes))
}

export type Built = {
  readonly events: readonly UtxoTxEvent[]
  /** Outpoints (`txid:vout`) spent by the transactions left out for an unknown input. */
  readonly skippedSpends: ReadonlySet<string>
  readonly skipped: number
}

/**
 * Events in chain order for the transactions whose every input spends an output seen earlier in
 * `blocks`. A transaction with an input we cannot value is left out: the engine needs every
 * input's value. Leaving it out cannot change the seeded flow as long as it spends no tainted
 * output (its inputs would all be clean, so it moves no taint): each test asserts that.
 * The outputs of a left-out transaction are still recorded, as their values are in the block.
 */
export function buildEvents(blocks: readonly { height: number; block: DecodedBlock }[]): Built {
  const outputs = new Map<string, { address: string | null; value: bigint }>()
  const events: UtxoTxEvent[] = []
  const skippedSpends = new Set<string>()
  let skipped = 0
  for (const { height, block } of blocks) {
    for (const [txIndex, tx] of block.transactions.entries()) {
      const inputs: UtxoInput[] = []
      let known = true
      for (const input of tx.inputs) {
        if (input.coinbase) continue
        const spent = outputs.get(`${input.prevTxid}:${input.vout}`)
        if (spent === undefined) known = false
        else inputs.push({ spentTxHash: input.prevTxid, spentOutputIndex: input.vout, ...spent })
      }
      const txOutputs = tx.outputs.map((output, index) => ({
        index,
        address: classifyOutputScript(output.scriptPubKey, 'mainnet').address,
        value: output.value,
      }))
      for (const output of txOutputs) {
        outputs.set(`${tx.txid}:${output.index}`, { address: output.address, value: output.value })
      }
      if (!known) {
        skipped++
        for (const input of tx.inputs) skippedSpends.add(`${input.prevTxid}:${input.vout}`)
        continue
      }
      events.push({
        kind: 'utxo-tx',
        chain: 'bitcoin',
        txHash: tx.txid,
        blockHeight: height,
        txIndex,
        inputs,
        outputs: txOutputs,
      })
    }
  }
  return { events, skippedSpends, skipped }
}

export const holdingsOf = (result: TraceResult) =>
  Object.fromEntries(
    result.holdings.map((h) => [h.address, { received: h.received, held: h.held, hop: h.hop }]),
  )

export const zeroTotals = emptyTotals()
