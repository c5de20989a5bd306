import { escapeXml as e } from './escapeXml.js'
import { formatAmount as f } from './formatAmount.js'
import type { CrossChainLink, LinkConfidence } from './TraceResult.js'

const confidenceText: Readonly<Record<LinkConfidence, string>> = {
  high: 'High: the payout carries the note <code>OUT:&lt;deposit transaction&gt;</code> that names this deposit.',
  medium:
    'Medium: it is the only payment to that address in the time window after the deposit, but it does not name the deposit.',
  low: 'Low: several payments to that address fall in the time window; the earliest is followed, the others are listed and not followed.',
  none: 'None: no payout was found, so the traced value is only counted as having left the chain (bridged).',
}

/**
 * The "Across chains" section of the HTML report: each tainted bridge deposit in plain words,
 * the payout it was matched to, why (the evidence), and how sure the match is.
 */
export function renderLinksHtml(links: readonly CrossChainLink[], windowSeconds: number): string {
  if (links.length === 0) {
    return '<h2>Across chains</h2><p>No traced value was sent into a cross-chain bridge.</p>'
  }
  return [
    '<h2>Across chains</h2>',
    `<p>Traced value sent into a cross-chain bridge leaves this chain. The bridge's instruction (its “memo”) names the chain and address to pay out to; Chainwatch looks for a payment to that address within ${e(duration(windowSeconds))} after the deposit and, when it finds one, follows the traced share of it there.</p>`,
    ...links.map((l, i) => linkHtml(l, i + 1)),
  ].join('\n')
}

function linkHtml(l: CrossChainLink, n: number): string {
  const asset = l.asset === 'native' ? `${l.chain} native coin` : `token ${l.asset}`
  const where =
    l.destinationAddress === null
      ? 'with an instruction Chainwatch cannot follow'
      : `with the instruction to pay out ${e(l.destinationAsset ?? '')} to <code>${e(l.destinationAddress)}</code>`
  const parts = [
    `<h3>Link ${n}: ${e(l.chain)} → ${e(l.destinationChain ?? 'unknown chain')}</h3>`,
    `<p>Transaction <code>${e(l.txHash)}</code> (${e(l.chain)} block ${l.blockHeight}) deposited ${f(l.amount)} base units of ${e(asset)}, of which <strong>${f(l.tainted)}</strong> traced, into bridge vault <code>${e(l.vault)}</code> ${where}. Memo: <code>${e(l.memo)}</code>.</p>`,
  ]
  if (l.outbound === null) {
    const reason = l.evidence.find((x) => x.kind === 'unmatched')?.value
    parts.push(`<p>Payout: none found${reason === undefined ? '' : ` (${e(reason)})`}.</p>`)
  } else {
    const o = l.outbound
    parts.push(
      `<p>Payout: transaction <code>${e(o.txHash)}</code>, output ${o.outputIndex}, ${f(o.value)} base units to that address in ${e(o.chain)} block ${o.blockHeight}, ${e(duration(l.timeDelta ?? 0))} after the deposit. ${f(l.seeded)} base units of it are followed as traced (from hop ${l.hop + 1}).</p>`,
    )
  }
  parts.push(`<p><strong>Confidence.</strong> ${confidenceText[l.confidence]}</p>`)
  parts.push(
    `<p class="note">Evidence: ${l.evidence.map((x) => `${e(evidenceLabel[x.kind])}: <code>${e(x.value)}</code>`).join('; ')}.</p>`,
  )
  if (l.otherCandidates.length > 0) {
    parts.push(
      `<p class="note">Other payments in the window, not followed: ${l.otherCandidates
        .map((c) => `<code>${e(c.txHash)}:${c.outputIndex}</code> (${f(c.value)})`)
        .join(', ')}.</p>`,
    )
  }
  return parts.join('\n')
}

const evidenceLabel = {
  memo: 'memo',
  destination: 'payout asset and address',
  'time-delta': 'seconds from deposit to payout',
  'output-value': 'payout value (base units)',
  candidates: 'payments in the window',
  'out-memo': 'payout note',
  unmatched: 'not matched',
} as const

/** Seconds in words: `45 s`, `12 min`, `3 h 5 min`. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
}
