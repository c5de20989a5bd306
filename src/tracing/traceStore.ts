import { createHash } from 'node:crypto'
import type { ChainId } from '../chain/index.js'
import type { Category } from '../screening/index.js'
import type { Store } from '../store/index.js'
import { canonicalJson } from './canonicalJson.js'
import type { TraceEvent, TracePolicy, TraceSeed, UtxoInput, UtxoTxEvent } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import { taintedOutpoint } from './taintedOutpoint.js'
import { traceForward } from './traceForward.js'

export type TraceStoreParameters = {
  readonly chain: ChainId
  readonly seeds: readonly TraceSeed[]
  readonly policy: TracePolicy
  /** Designation categories where taint stops (default: exchange). */
  readonly stopCategories?: readonly Category[]
  readonly maxHops?: number
  readonly dust?: bigint
  readonly fromBlock?: number
  readonly toBlock?: number
}

/** What a re-run needs to reproduce a trace, and the SHA-256 that proves it did. */
export type TraceManifest = {
  readonly policy: TracePolicy
  readonly seeds: readonly TraceSeed[]
  readonly parameters: {
    readonly stopCategories: readonly Category[]
    readonly maxHops: number | null
    readonly dust: string
    readonly fromBlock: number | null
    readonly toBlock: number | null
  }
  /** First and last block of the events the trace read, per chain. */
  readonly blocks: readonly {
    readonly chain: ChainId
    readonly first: number | null
    readonly last: number | null
  }[]
  readonly events: number
  /**
   * UTXO chains: transactions left out because an input's value is unknown to the store (the
   * engine needs every input's value); null on account chains.
   */
  readonly skipped: number | null
  /**
   * UTXO chains: left-out transactions that spend an output the result marks as tainted (or a
   * seed). Their taint is lost: the trace undercounts downstream of them. null on account chains.
   */
  readonly lostSpends: number | null
  /** SHA-256 of the canonical JSON (sorted keys, bigints as strings) of `{ manifest without sha256, result }`. */
  readonly sha256: string
}

export type StoreTrace = { readonly manifest: TraceManifest; readonly result: TraceResult }

/**
 * Traces forward over a chain's transfers in the store, in chain order, stopping at addresses
 * the loaded lists designate with a stop category. Account chains (ethereum) walk transfers;
 * bitcoin walks whole transactions with their inputs and outputs.
 */
export async function traceStore(
  deps: {
    readonly store: Pick<
      Store,
      'transfersInOrder' | 'utxoTransactionsInOrder' | 'activeDesignations'
    >
  },
  parameters: TraceStoreParameters,
): Promise<StoreTrace> {
  const { chain, seeds, policy, maxHops, dust = 0n, fromBlock, toBlock } = parameters
  const stopCategories = parameters.stopCategories ?? ['exchange']
  const stops = new Set<string>()
  for (const d of await deps.store.activeDesignations()) {
    if (stopCategories.includes(d.category)) stops.add(d.address)
  }
  const window = toBlock === undefined ? {} : { toBlock }
  const read =
    chain === 'bitcoin'
      ? await readUtxoEvents(deps.store, { chain, ...window })
      : { events: await readTransferEvents(deps.store, { chain, ...window }), skipped: null }
  const { events } = read
  const result = traceForward({
    events,
    seeds,
    policy,
    isStop: (_chain, address) => stops.has(address),
    ...(maxHops === undefined ? {} : { maxHops }),
    dust,
    window: {
      ...(fromBlock === undefined ? {} : { fromBlock }),
      ...(toBlock === undefined ? {} : { toBlock }),
    },
  })
  const unsigned = {
    policy,
    seeds,
    parameters: {
      stopCategories,
      maxHops: maxHops ?? null,
      dust: dust.toString(),
      fromBlock: fromBlock ?? null,
      toBlock: toBlock ?? null,
    },
    blocks: [
      { chain, first: events[0]?.blockHeight ?? null, last: events.at(-1)?.blockHeight ?? null },
    ],
    events: events.length,
    skipped: read.skipped?.count ?? null,
    lostSpends: read.skipped === null ? null : lostSpends(read.skipped.spends, seeds, result),
  }
  const sha256 = createHash('sha256')
    .update(canonicalJson({ manifest: unsigned, result }))
    .digest('hex')
  return { manifest: { ...unsigned, sha256 }, result }
}

type ReadParameters = { readonly chain: ChainId; readonly toBlock?: number }

async function readTransferEvents(
  store: Pick<Store, 'transfersInOrder'>,
  parameters: ReadParameters,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = []
  for await (const page of store.transfersInOrder(parameters)) {
    for (const t of page) {
      events.push({
        kind: 'transfer',
        chain: t.chain,
        txHash: t.txHash,
        blockHeight: t.blockHeight,
        // Unknown indexes sort last in their block (the store's order); the engine needs a number.
        txIndex: t.txIndex ?? Number.MAX_SAFE_INTEGER,
        position: t.position,
        asset: t.asset,
        from: t.from,
        to: t.to,
        amount: t.amount,
      })
    }
  }
  return events
}

type Skipped = {
  readonly count: number
  /** Per skipped transaction, the outpoints (`txid:vout`) it spends. */
  readonly spends: readonly (readonly string[])[]
}

/**
 * UTXO events in chain order. A transaction with an input of unknown value (its spent output is
 * not in the store) cannot be applied exactly, so it is skipped and counted: if it spends a
 * tainted output, that taint is lost from the trace (reported as `lostSpends`).
 */
async function readUtxoEvents(
  store: Pick<Store, 'utxoTransactionsInOrder'>,
  parameters: ReadParameters,
): Promise<{ readonly events: TraceEvent[]; readonly skipped: Skipped }> {
  const events: UtxoTxEvent[] = []
  const spends: string[][] = []
  let count = 0
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
        count++
        spends.push(
          tx.inputs.flatMap((input) =>
            input.spentTxHash === null ? [] : [`${input.spentTxHash}:${input.spentOutputIndex}`],
          ),
        )
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
  return { events, skipped: { count, spends } }
}

/** Skipped transactions that spend a seeded output or one the result lists as carrying taint. */
function lostSpends(
  spends: readonly (readonly string[])[],
  seeds: readonly TraceSeed[],
  result: TraceResult,
): number {
  const isTainted = taintedOutpoint(seeds, result)
  return spends.filter((outpoints) => outpoints.some(isTainted)).length
}
