import type { ChainId } from '../chain/index.js'
import type { AddressPayment, Store } from '../store/index.js'
import type { OutputSeed, TracePolicy } from './TraceEvent.js'
import type { CrossChainLink, LinkEvidence, LinkOutbound } from './TraceResult.js'

/** How long after a deposit its outbound payment is looked for, by default: 24 hours. */
export const DEFAULT_BRIDGE_WINDOW_SECONDS = 24 * 60 * 60

/** Candidates read per link; more than this many in the window is reported as "at least". */
const MAX_CANDIDATES = 100

export type MatchBridgeLinksParameters = {
  readonly links: readonly CrossChainLink[]
  readonly policy: TracePolicy
  /** Destination chains this trace follows; links elsewhere stay unmatched. */
  readonly traced: ReadonlySet<ChainId>
  readonly windowSeconds: number
}

/**
 * Matches each tainted deposit to its outbound payment on the destination chain (bitcoin): an
 * output paying the memo's address in a block timed within `[deposit time, + window]`.
 * Confidence: `high` when the paying transaction's OP_RETURN says `OUT:<deposit tx hash>`,
 * `medium` for exactly one candidate, `low` for several (the earliest is taken, the others are
 * listed), `none` without one. The matched output is seeded: poison its whole value, haircut and
 * fifo `floor(value × tainted / deposit amount)`, at the value leg's hop + 1.
 */
export async function matchBridgeLinks(
  store: Pick<Store, 'paymentsTo'>,
  { links, policy, traced, windowSeconds }: MatchBridgeLinksParameters,
): Promise<{ readonly links: CrossChainLink[]; readonly seeds: OutputSeed[] }> {
  const matched: CrossChainLink[] = []
  const seeds: OutputSeed[] = []
  for (const link of links) {
    const base: LinkEvidence[] = [{ kind: 'memo', value: link.memo }]
    const dest = link.destinationAddress
    if (link.destinationChain === null || dest === null) {
      matched.push(unmatched(link, base, 'the memo names no destination chain Chainwatch follows'))
      continue
    }
    base.push({ kind: 'destination', value: `${link.destinationAsset ?? ''} ${dest}`.trim() })
    if (link.destinationChain !== 'bitcoin' || !traced.has('bitcoin')) {
      matched.push(unmatched(link, base, `${link.destinationChain} is not followed by this trace`))
      continue
    }
    if (link.blockTime === null) {
      matched.push(unmatched(link, base, 'the deposit block is not imported: its time is unknown'))
      continue
    }
    const candidates = await store.paymentsTo({
      chain: 'bitcoin',
      address: dest,
      fromTime: link.blockTime,
      toTime: link.blockTime + windowSeconds,
      limit: MAX_CANDIDATES,
    })
    const first = candidates[0]
    if (first === undefined) {
      matched.push(
        unmatched(link, base, `no payment to the address within ${windowSeconds} s of the deposit`),
      )
      continue
    }
    const tagged = candidates.find((c) => carriesOutMemo(c, link.txHash))
    const chosen = tagged ?? first
    const confidence = tagged !== undefined ? 'high' : candidates.length === 1 ? 'medium' : 'low'
    const timeDelta = chosen.blockTime - link.blockTime
    const share =
      policy === 'poison'
        ? chosen.value
        : link.amount === 0n
          ? 0n
          : (chosen.value * link.tainted) / link.amount
    const count = candidates.length
    const evidence: LinkEvidence[] = [
      ...base,
      { kind: 'time-delta', value: String(timeDelta) },
      { kind: 'output-value', value: chosen.value.toString() },
      {
        kind: 'candidates',
        value: count >= MAX_CANDIDATES ? `${MAX_CANDIDATES} or more` : String(count),
      },
      ...(tagged === undefined ? [] : [{ kind: 'out-memo' as const, value: `OUT:${link.txHash}` }]),
    ]
    matched.push({
      ...link,
      outbound: outboundOf(chosen),
      timeDelta,
      seeded: share,
      otherCandidates:
        confidence === 'low' ? candidates.filter((c) => c !== chosen).map(outboundOf) : [],
      evidence,
      confidence,
    })
    if (share > 0n) {
      seeds.push({
        kind: 'output',
        chain: 'bitcoin',
        txHash: chosen.txHash,
        outputIndex: chosen.outputIndex,
        tainted: share,
        hop: link.hop + 1,
      })
    }
  }
  return { links: matched, seeds }
}

function unmatched(link: CrossChainLink, base: LinkEvidence[], reason: string): CrossChainLink {
  return {
    ...link,
    outbound: null,
    timeDelta: null,
    seeded: 0n,
    otherCandidates: [],
    evidence: [...base, { kind: 'unmatched', value: reason }],
    confidence: 'none',
  }
}

function outboundOf(payment: AddressPayment): LinkOutbound {
  return {
    chain: payment.chain,
    txHash: payment.txHash,
    outputIndex: payment.outputIndex,
    address: payment.address,
    value: payment.value,
    blockHeight: payment.blockHeight,
    blockTime: payment.blockTime,
  }
}

/** Whether an OP_RETURN payload of the payment reads `OUT:<hash>` for this deposit. */
export function carriesOutMemo(payment: AddressPayment, depositTxHash: string): boolean {
  const wanted = depositTxHash.toLowerCase().replace(/^0x/, '')
  return payment.data.some((hex) => {
    const text = Buffer.from(hex, 'hex').toString('latin1')
    const match = /^OUT:(?:0x)?([0-9a-f]+)/i.exec(text.trim())
    return match?.[1]?.toLowerCase() === wanted
  })
}
