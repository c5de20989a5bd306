import type { ChainId } from '../chain/index.js'
import type { Store } from '../store/index.js'
import type {
  BridgeDepositEvent,
  ForwardEvent,
  SwapEvent,
  TransferEvent,
  UtxoInput,
  UtxoTxEvent,
} from './TraceEvent.js'

export type ReadParameters = {
  readonly chain: ChainId
  readonly fromBlock?: number
  readonly toBlock?: number
}

/** The engine needs a number; unknown indexes sort last in their block (the store's order). */
const UNKNOWN_INDEX = Number.MAX_SAFE_INTEGER

/**
 * An account chain's transfers, swaps and bridge deposits merged in chain order
 * `(block, tx index, position)`: a swap or deposit log lands among its transaction's transfers.
 * Swaps and deposits are few next to transfers; each stream is read page by page.
 */
export async function readAccountEvents(
  store: Pick<Store, 'transfersInOrder' | 'swapsInOrder' | 'bridgeDepositsInOrder'>,
  parameters: ReadParameters,
): Promise<ForwardEvent[]> {
  const transfers = await readTransferEvents(store, parameters)
  const annotations: (SwapEvent | BridgeDepositEvent)[] = []
  for await (const page of store.swapsInOrder(parameters)) {
    for (const s of page) {
      annotations.push({
        kind: 'swap',
        chain: s.chain,
        txHash: s.txHash,
        blockHeight: s.blockHeight,
        txIndex: s.txIndex ?? UNKNOWN_INDEX,
        position: s.position,
        protocol: s.protocol,
        pool: s.pool,
        recipient: s.recipient,
        tokenIn: s.tokenIn,
        amountIn: s.amountIn,
        tokenOut: s.tokenOut,
        amountOut: s.amountOut,
      })
    }
  }
  const deposits: BridgeDepositEvent[] = []
  for await (const page of store.bridgeDepositsInOrder(parameters)) {
    for (const d of page) {
      deposits.push({
        kind: 'bridge-deposit',
        chain: d.chain,
        txHash: d.txHash,
        blockHeight: d.blockHeight,
        txIndex: d.txIndex ?? UNKNOWN_INDEX,
        position: d.position,
        router: d.router,
        vault: d.vault,
        depositor: d.depositor,
        asset: d.asset,
        amount: d.amount,
        memo: d.memo,
        blockTime: d.blockTime,
      })
    }
  }
  if (annotations.length === 0 && deposits.length === 0) return transfers
  return merge(merge(transfers, annotations), deposits)
}

/** An account chain's plain transfers in chain order. */
export async function readTransferEvents(
  store: Pick<Store, 'transfersInOrder'>,
  parameters: ReadParameters,
): Promise<TransferEvent[]> {
  const transfers: TransferEvent[] = []
  for await (const page of store.transfersInOrder(parameters)) {
    for (const t of page) {
      transfers.push({
        kind: 'transfer',
        chain: t.chain,
        txHash: t.txHash,
        blockHeight: t.blockHeight,
        txIndex: t.txIndex ?? UNKNOWN_INDEX,
        position: t.position,
        asset: t.asset,
        from: t.from,
        to: t.to,
        amount: t.amount,
      })
    }
  }
  return transfers
}

/** Merges two lists in chain order; on a tie the first list's event comes first. */
function merge<A extends ForwardEvent, B extends ForwardEvent>(
  a: readonly A[],
  b: readonly B[],
): (A | B)[] {
  const out: (A | B)[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i]
    const y = b[j]
    if (y === undefined || (x !== undefined && compare(x, y) <= 0)) {
      if (x !== undefined) out.push(x)
      i++
    } else {
      out.push(y)
      j++
    }
  }
  return out
}

function compare(x: ForwardEvent, y: ForwardEvent): number {
  if (x.blockHeight !== y.blockHeight) return x.blockHeight - y.blockHeight
  if (x.txIndex !== y.txIndex) return x.txIndex - y.txIndex
  const p = 'position' in x ? x.position : ''
  const q = 'position' in y ? y.position : ''
  return p < q ? -1 : p > q ? 1 : 0
}

/** A UTXO transaction left out for an input of unknown value. */
export type SkippedTx = {
  readonly txHash: string
  /** The outpoints (`txid:vout`) it spends. */
  readonly spends: readonly string[]
}

/**
 * UTXO events in chain order. A transaction with an input of unknown value (its spent output is
 * not in the store) cannot be applied exactly, so it is skipped and counted: if it spends a
 * tainted output, that taint is lost from the trace (reported as `lostSpends`).
 */
export async function readUtxoEvents(
  store: Pick<Store, 'utxoTransactionsInOrder'>,
  parameters: ReadParameters,
): Promise<{ readonly events: UtxoTxEvent[]; readonly skipped: SkippedTx[] }> {
  const events: UtxoTxEvent[] = []
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
        txIndex: tx.txIndex ?? UNKNOWN_INDEX,
        inputs,
        outputs: tx.outputs.map((o) => ({ index: o.index, address: o.address, value: o.value })),
      })
    }
  }
  return { events, skipped }
}
