import { createHash } from 'node:crypto'
import { canonicalJson } from './canonicalJson.js'
import type { TracePolicy, TraceSeed, TransferEvent } from './TraceEvent.js'
import { traceForward } from './traceForward.js'
import type { StoreTrace } from './traceStore.js'

/** An address-like string that tries to break out of XML and HTML. */
export const hostileAddress = `0x<script>alert("pwn")</script>&'\u0001`

/** A hand-made account-model transfer for the renderer tests. */
export function transfer(
  block: number,
  from: string | null,
  to: string | null,
  amount: bigint,
  txHash = `tx${block}`,
): TransferEvent {
  return {
    kind: 'transfer',
    chain: 'ethereum',
    txHash,
    blockHeight: block,
    txIndex: 0,
    position: 'a',
    asset: 'native',
    from,
    to,
    amount,
  }
}

/** Runs traceForward on the events and wraps the result with a manifest as traceStore does. */
export function renderTestTrace(
  events: readonly TransferEvent[],
  stops: readonly string[],
  policy: TracePolicy = 'haircut',
): StoreTrace {
  const seeds: readonly TraceSeed[] = [{ kind: 'transfer', chain: 'ethereum', txHash: 'theft' }]
  const result = traceForward({
    events,
    seeds,
    policy,
    isStop: (_chain, address) => stops.includes(address),
  })
  const unsigned = {
    policy,
    seeds,
    parameters: {
      chain: 'ethereum' as const,
      stopCategories: ['exchange' as const],
      maxHops: null,
      dust: '0',
      fromBlock: null,
      toBlock: null,
      bridgeWindowSeconds: 86_400,
    },
    blocks: [
      {
        chain: 'ethereum' as const,
        first: events[0]?.blockHeight ?? null,
        last: events.at(-1)?.blockHeight ?? null,
      },
    ],
    events: events.length,
    skipped: null,
    lostSpends: null,
    unmatchedSwaps: result.unmatchedSwaps,
    unmatchedBridgeDeposits: result.unmatchedBridgeDeposits,
    links: result.links.length,
  }
  const sha256 = createHash('sha256')
    .update(canonicalJson({ manifest: unsigned, result }))
    .digest('hex')
  return { manifest: { ...unsigned, sha256 }, result }
}
