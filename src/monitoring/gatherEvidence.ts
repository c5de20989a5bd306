import { screenAddresses } from '../screening/index.js'
import type { Designation, Store, UtxoTransactionSummary } from '../store/index.js'
import type { AncestorTx, EvidenceContext, EvidenceNeeds } from './evidence.js'
import type { MonitorEvent } from './model.js'

export type EvidenceStore = Pick<
  Store,
  'designations' | 'counterparties' | 'accountEvents' | 'utxoTransactions'
>

/** Counterparties followed per address and direction when searching exposure. */
const HUB_LIMIT = 100

/**
 * Reads what the rules need for one event (the I/O half of deciding): designations and n-hop
 * exposure of the counterparty, the account's history, the UTXO funding path, and for account
 * chains the designations of who paid the counterparty.
 */
export async function gatherEvidence(
  store: EvidenceStore,
  event: MonitorEvent,
  needs: EvidenceNeeds,
): Promise<EvidenceContext> {
  const [screened] = await screenAddresses(
    { store },
    { addresses: [event.counterparty], hops: needs.exposureHops, hubLimit: HUB_LIMIT },
  )
  const screening = screened !== undefined && 'direct' in screened ? screened : null
  const history =
    needs.historySeconds > 0
      ? await store.accountEvents({
          org: event.org,
          account: event.account,
          fromTime: event.time - needs.historySeconds,
          toTime: event.time,
        })
      : []
  const [first] =
    needs.historySeconds > 0
      ? await store.accountEvents({
          org: event.org,
          account: event.account,
          fromTime: 0,
          toTime: event.time,
          limit: 1,
          oldest: true,
        })
      : []
  return {
    designations: screening?.direct ?? [],
    exposures: screening?.exposures ?? [],
    history: history.filter((e) => !sameEvent(e, event)),
    firstSeen: first === undefined || sameEvent(first, event) ? null : first.time,
    ancestry:
      event.chain === 'bitcoin' && needs.ancestryHops > 0
        ? await fundingPath(store, event, needs.ancestryHops)
        : [],
    funders: event.chain !== 'bitcoin' && needs.funders ? await funders(store, event) : [],
  }
}

/** The event's tx and its ancestors along the first input, up to `hops` transactions. */
async function fundingPath(
  store: EvidenceStore,
  event: MonitorEvent,
  hops: number,
): Promise<AncestorTx[]> {
  const path: UtxoTransactionSummary[] = []
  let next: string | null = event.txHash
  while (next !== null && path.length < hops) {
    const [tx] = await store.utxoTransactions({ chain: event.chain, txHashes: [next] })
    if (tx === undefined) break
    path.push(tx)
    next = tx.inputs[0]?.spentTxHash ?? null
  }
  const addresses = [
    ...new Set(
      path.flatMap((tx) => tx.inputs.flatMap((i) => (i.address === null ? [] : [i.address]))),
    ),
  ]
  const designations = addresses.length > 0 ? await store.designations({ addresses }) : []
  return path.map((tx) => {
    const inputAddresses = tx.inputs.flatMap((i) => (i.address === null ? [] : [i.address]))
    return {
      txHash: tx.txHash,
      blockTime: tx.blockTime,
      inputCount: tx.inputs.length,
      outputValues: tx.outputs.map((o) => o.value),
      inputAddresses,
      inputDesignations: designations.filter((d) => inputAddresses.includes(d.address)),
    }
  })
}

/** Designations of the addresses that paid the counterparty (one hop in). */
async function funders(store: EvidenceStore, event: MonitorEvent): Promise<readonly Designation[]> {
  const { flows } = await store.counterparties({
    chain: event.chain,
    addresses: [event.counterparty],
    limit: HUB_LIMIT,
  })
  const payers = [...new Set(flows.filter((f) => f.direction === 'in').map((f) => f.counterparty))]
  return payers.length > 0 ? store.designations({ addresses: payers }) : []
}

const sameEvent = (a: MonitorEvent, b: MonitorEvent) =>
  a.org === b.org && a.chain === b.chain && a.txHash === b.txHash && a.index === b.index
