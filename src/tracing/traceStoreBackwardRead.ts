import type { ChainId } from '../chain/index.js'
import type { Store } from '../store/index.js'
import type { TraceEvent, UtxoInput } from './TraceEvent.js'

/** A UTXO transaction left out for an input of unknown value. */
export type SkippedTx = {
  readonly txHash: string
  /** The outpoints (`txid:vout`) it spends. */
  readonly spends: readonly string[]
}

/**
 * A chain's events from the store in chain order: transfers (account chains) or whole
 * transactions (bitcoin). A transaction with an input of unknown value (its spent output is not
 * in the store) cannot be applied exactly, so it is left out and listed (`skipped`, null on
 * account chains).
 */
export async function readStoreEvents(
  store: Pick<Store, 'transfersInOrder' | 'utxoTransactionsInOrder'>,
  parameters: { readonly chain: ChainId; readonly toBlock?: number },
): Promise<{ readonly events: TraceEvent[]; readonly skipped: SkippedTx[] | null }> {
  const events: TraceEvent[] = []
  if (parameters.chain !== 'bitcoin') {
    for await (const page of store.transfersInOrder(parameters)) {
      for (const t of page) {
        events.push({
          kind: 'transfer',
          chain: t.chain,
          txHash: t.txHash,
          blockHeight: t.blockHeight,
          // Unknown indexes sort last in their block (the store's order).
          txIndex: t.txIndex ?? Number.MAX_SAFE_INTEGER,
          position: t.position,
          asset: t.asset,
          from: t.from,
          to: t.to,
          amount: t.amount,
        })
      }
    }
    return { events, skipped: null }
  }
  const skipped: SkippedTx[] = []
  for await (const page of store.utxoTransactionsInOrder(parameters)) {
    for (const tx of page) {
      const inputs: UtxoInput[] = []
      let known = true
      for (const input of tx.inputs) {
        // A coinbase input spends nothing.
        if (input.spentTxHash === null || input.spentOutputIndex === null) continue
        if (input.value === null) known = false
        else
          inputs.push({
            spentTxHash: input.spentTxHash,
            spentOutputIndex: input.spentOutputIndex,
            address: input.address,
            value: input.value,
          })
      }
      if (!known) {
        skipped.push({
          txHash: tx.txHash,
          spends: tx.inputs.flatMap((input) =>
            input.spentTxHash === null ? [] : [`${input.spentTxHash}:${input.spentOutputIndex}`],
          ),
        })
        continue
      }
      events.push({
        kind: 'utxo-tx',
        chain: tx.chain,
        txHash: tx.txHash,
        blockHeight: tx.blockHeight,
        txIndex: tx.txIndex ?? Number.MAX_SAFE_INTEGER,
        inputs,
        outputs: tx.outputs.map((o) => ({ index: o.index, address: o.address, value: o.value })),
      })
    }
  }
  return { events, skipped }
}
