import type { BlockRecord, ChainBatch, ChainId } from '../../chain/index.js'
import { createBatchBuilder } from '../batchRows.js'
import { jsonFields, mapBitcoinTransaction } from '../formats/index.js'
import type { RpcBlock, ScriptPubKey } from './rpcSchemas.js'

/** Address and value of an output, as an input that spends it will show them. */
type Spent = { readonly addresses: readonly string[]; readonly value: string }

/**
 * Bitcoin Core `getblock` (verbosity 2 or 3) results → one ChainBatch, through the bitcoin-etl
 * transaction mapper (same addresses, script types, OP_RETURN data, coinbase input and fees as
 * `chainwatch import` of a bitcoin-etl export). Each transaction is first written in bitcoin-etl's
 * export shape, as its `export_blocks` would write it.
 *
 * Inputs take their spent output from `prevout` (verbosity 3), else from an output of the same
 * batch (resolved here), else stay unknown (null) until `resolvePending` finds the output in the
 * store; fees are then null and filled in the same way.
 */
export function blocksToBatch(blocks: readonly RpcBlock[], chain: ChainId): ChainBatch {
  const spendable = new Map<string, Spent>()
  for (const block of blocks) {
    for (const tx of block.tx) {
      for (const output of tx.vout) {
        spendable.set(`${tx.txid}:${output.n}`, {
          addresses: addressesOf(output.scriptPubKey),
          value: output.value.toString(),
        })
      }
    }
  }
  const builder = createBatchBuilder()
  for (const block of blocks) {
    builder.add([{ type: 'block', record: blockRecord(block, chain) }])
    for (const [index, tx] of block.tx.entries()) {
      const coinbase = tx.vin.some((input) => 'coinbase' in input)
      const inputs = tx.vin.flatMap((input, inputIndex) => {
        if ('coinbase' in input) return [] // bitcoin-etl drops it; the mapper adds it back as input 0
        const spent: Spent | undefined =
          input.prevout === undefined
            ? spendable.get(`${input.txid}:${input.vout}`)
            : {
                addresses: addressesOf(input.prevout.scriptPubKey),
                value: input.prevout.value.toString(),
              }
        return [
          {
            index: inputIndex,
            spent_transaction_hash: input.txid,
            spent_output_index: input.vout,
            addresses: spent?.addresses ?? [],
            value: spent?.value ?? null,
          },
        ]
      })
      const row = {
        hash: tx.txid,
        block_number: block.height,
        block_hash: block.hash,
        is_coinbase: coinbase,
        index,
        inputs,
        outputs: tx.vout.map((output) => ({
          index: output.n,
          type: output.scriptPubKey.type,
          script_hex: output.scriptPubKey.hex,
          addresses: addressesOf(output.scriptPubKey),
          value: output.value.toString(),
        })),
      }
      builder.add(mapBitcoinTransaction.map(jsonFields(row), chain))
    }
  }
  return builder.take()
}

export function blockRecord(block: RpcBlock, chain: ChainId): BlockRecord {
  return {
    chain,
    height: block.height,
    hash: block.hash,
    parentHash: block.previousblockhash ?? null,
    time: block.time,
    txCount: block.tx.length,
  }
}

/** bitcoind ≥ 22 writes one `address`; older nodes an `addresses` list (bare multisig: several). */
function addressesOf(script: ScriptPubKey): readonly string[] {
  if (script.address !== undefined) return [script.address]
  return script.addresses ?? []
}
