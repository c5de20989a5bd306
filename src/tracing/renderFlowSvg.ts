import type { Amount } from '../chain/index.js'
import { escapeXml } from './escapeXml.js'
import { formatAmount } from './formatAmount.js'
import type { TraceGraph, TraceGraphNode } from './traceGraph.js'

/** An inline SVG flow picture and how many graph nodes it left out. */
export type FlowSvg = { readonly svg: string; readonly omitted: number }

const boxWidth = 210
const boxHeight = 56
const columnGap = 130
const rowGap = 18
const margin = 20
const headerHeight = 34

/**
 * Draws a trace left to right, one column per hop: a box per (address, asset) with the tainted
 * value that reached it, an arrow per (sender, recipient) pair with the taint it carried. Past
 * `maxNodes`, stops come first, then the nearest hops, then the largest amounts.
 */
export function renderFlowSvg(graph: TraceGraph, maxNodes = 60): FlowSvg {
  const ranked = [...graph.nodes].sort(
    (a, b) =>
      Number(b.isEndpoint) - Number(a.isEndpoint) ||
      (a.hop ?? -1) - (b.hop ?? -1) ||
      compareAmounts(taintOf(b), taintOf(a)) ||
      compareIds(a.id, b.id),
  )
  const shown = ranked.slice(0, maxNodes)
  const hops = [...new Set(shown.map((n) => n.hop ?? -1))].sort((a, b) => a - b)
  const columns = hops.map((hop) =>
    shown
      .filter((n) => (n.hop ?? -1) === hop)
      .sort((a, b) => compareAmounts(taintOf(b), taintOf(a)) || compareIds(a.id, b.id)),
  )
  const place = new Map<string, { x: number; y: number }>()
  columns.forEach((column, c) => {
    column.forEach((n, r) => {
      place.set(n.id, {
        x: margin + c * (boxWidth + columnGap),
        y: margin + headerHeight + r * (boxHeight + rowGap),
      })
    })
  })
  const rows = Math.max(1, ...columns.map((c) => c.length))
  const width = margin * 2 + hops.length * boxWidth + Math.max(0, hops.length - 1) * columnGap
  const height = margin * 2 + headerHeight + rows * (boxHeight + rowGap)

  const arrows = new Map<
    string,
    { source: string; target: string; tainted: Amount; count: number }
  >()
  for (const e of graph.edges) {
    if (e.transfer.tainted <= 0n || !place.has(e.source) || !place.has(e.target)) continue
    const key = `${e.source} ${e.target}`
    const arrow = arrows.get(key)
    if (arrow === undefined) {
      arrows.set(key, { source: e.source, target: e.target, tainted: e.transfer.tainted, count: 1 })
    } else {
      arrow.tainted += e.transfer.tainted
      arrow.count += 1
    }
  }
  const largest = [...arrows.values()].reduce((max, a) => (a.tainted > max ? a.tainted : max), 1n)

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Flow of tainted value by hop" font-family="system-ui, sans-serif" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#8b2c2c"/></marker></defs>',
  ]
  hops.forEach((hop, c) => {
    const x = margin + c * (boxWidth + columnGap) + boxWidth / 2
    const label = hop < 0 ? 'sent the seed' : hop === 0 ? 'hop 0 (seed)' : `hop ${hop}`
    parts.push(
      `<text x="${x}" y="${margin + 12}" text-anchor="middle" font-weight="bold" fill="#333">${label}</text>`,
    )
  })
  for (const a of arrows.values()) {
    const from = place.get(a.source)
    const to = place.get(a.target)
    if (from === undefined || to === undefined) continue
    const x1 = from.x + boxWidth
    const y1 = from.y + boxHeight / 2
    const x2 = to.x
    const y2 = to.y + boxHeight / 2
    const bend = Math.max(50, Math.abs(x2 - x1) / 2)
    const c1x = x1 + bend
    const c2x = x2 - bend
    const labelX = (x1 + 3 * c1x + 3 * c2x + x2) / 8
    const labelY = (y1 + 3 * y1 + 3 * y2 + y2) / 8
    const stroke = 1 + Number((a.tainted * 400n) / largest) / 100
    const what = `${a.count} transfer${a.count === 1 ? '' : 's'} carrying ${formatAmount(a.tainted)} tainted`
    parts.push(
      `<g><title>${escapeXml(what)}</title><path d="M${x1},${y1} C${c1x},${y1} ${c2x},${y2} ${x2},${y2}" fill="none" stroke="#8b2c2c" stroke-opacity="0.6" stroke-width="${stroke.toFixed(2)}" marker-end="url(#arrow)"/>`,
      `<text x="${labelX.toFixed(1)}" y="${(labelY - 3).toFixed(1)}" text-anchor="middle" fill="#5a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">${formatAmount(a.tainted)}</text></g>`,
    )
  }
  // Cross-chain links: dashed, from the bridge vault to the payee on the other chain.
  for (const l of graph.links) {
    const from = place.get(l.source)
    const to = place.get(l.target)
    if (from === undefined || to === undefined) continue
    const x1 = from.x + boxWidth
    const y1 = from.y + boxHeight / 2
    const x2 = to.x
    const y2 = to.y + boxHeight / 2
    const bend = Math.max(50, Math.abs(x2 - x1) / 2)
    const what = `bridge link (${l.link.confidence} confidence): deposit ${l.link.txHash} paid out as ${l.link.outbound?.txHash ?? '?'}:${l.link.outbound?.outputIndex ?? '?'}`
    parts.push(
      `<g><title>${escapeXml(what)}</title><path d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="#1f5fa8" stroke-width="2" stroke-dasharray="6 4" marker-end="url(#arrow)"/>`,
      `<text x="${((x1 + x2) / 2).toFixed(1)}" y="${((y1 + y2) / 2 - 4).toFixed(1)}" text-anchor="middle" fill="#1f5fa8" stroke="#fff" stroke-width="3" paint-order="stroke">bridge · ${escapeXml(l.link.confidence)}</text></g>`,
    )
  }
  for (const n of shown) {
    const p = place.get(n.id)
    if (p !== undefined) parts.push(box(n, p.x, p.y))
  }
  parts.push('</svg>')
  return { svg: parts.join('\n'), omitted: graph.nodes.length - shown.length }
}

function box(n: TraceGraphNode, x: number, y: number): string {
  const fill = n.isEndpoint
    ? '#f6c28b'
    : n.hop === null
      ? '#e4e4e4'
      : n.hop === 0
        ? '#e99a9a'
        : '#f8dada'
  const name = n.address === null ? '(no address)' : shorten(n.address, 28)
  const who = n.designation?.name ?? n.designation?.category
  const status = n.isEndpoint
    ? ` · stop${who === undefined ? '' : `: ${who}`}`
    : n.held > 0n
      ? ` · holds ${formatAmount(n.held)}`
      : ''
  const tooltip = [
    `address: ${n.address ?? '(none)'}`,
    `chain: ${n.chain}`,
    `asset: ${n.asset}`,
    `tainted value reaching it: ${formatAmount(taintOf(n))}`,
    `still held: ${formatAmount(n.held)}`,
    ...(n.designation === null
      ? []
      : [
          `designated: ${n.designation.name ?? '(no name)'}, ${n.designation.category}, list ${n.designation.list}`,
        ]),
  ].join('\n')
  return [
    `<g><title>${escapeXml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="6" fill="${fill}" stroke="#7a4a4a"/>`,
    `<text x="${x + 8}" y="${y + 16}" font-family="ui-monospace, monospace">${escapeXml(name)}</text>`,
    `<text x="${x + 8}" y="${y + 32}" font-weight="bold">${n.hop === null ? 'source' : `tainted ${escapeXml(shorten(formatAmount(taintOf(n)), 24))}`}</text>`,
    `<text x="${x + 8}" y="${y + 48}" fill="#444">${escapeXml(shorten(`${n.asset}${status}`, 32))}</text>`,
    '</g>',
  ].join('')
}

/** The tainted value that reached a node: created there, received, or absorbed as a stop. */
function taintOf(n: TraceGraphNode): Amount {
  return n.seeded + n.received + (n.isEndpoint ? n.absorbed : 0n)
}

function shorten(text: string, max: number): string {
  const chars = [...text]
  if (chars.length <= max) return text
  const tail = Math.floor((max - 1) / 3)
  return `${chars.slice(0, max - 1 - tail).join('')}…${chars.slice(-tail).join('')}`
}

function compareAmounts(a: Amount, b: Amount): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareIds(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1))
}
