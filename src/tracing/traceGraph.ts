import type { Amount, ChainId } from '../chain/index.js'
import type { CrossChainLink, TaintedTransfer, TraceResult } from './TraceResult.js'

/**
 * One vertex of a trace graph: an (chain, address, asset), so every amount on it is in one unit.
 * `address` null stands for "no address" (minted value, coinbase, burns, OP_RETURN).
 */
export type TraceGraphNode = {
  readonly id: string
  readonly chain: ChainId
  readonly address: string | null
  readonly asset: string
  /** Fewest hops from a seed; null for addresses that only sent into the trace. */
  readonly hop: number | null
  readonly seeded: Amount
  readonly received: Amount
  readonly held: Amount
  readonly absorbed: Amount
  readonly isEndpoint: boolean
  /** A stop's designation: who the list says it is, its category and its list; null otherwise. */
  readonly designation: {
    readonly name: string | null
    readonly category: string
    readonly list: string
  } | null
}

/** A taint-carrying transfer between two graph nodes. */
export type TraceGraphEdge = {
  readonly id: string
  readonly source: string
  readonly target: string
  readonly transfer: TaintedTransfer
}

/** A matched cross-chain link: from the bridge vault's node to the outbound payee's node. */
export type TraceGraphLink = {
  readonly id: string
  readonly source: string
  readonly target: string
  readonly link: CrossChainLink
}

/** The nodes (sorted by chain, address, asset) and edges (in event order) of a trace result. */
export type TraceGraph = {
  readonly nodes: readonly TraceGraphNode[]
  readonly edges: readonly TraceGraphEdge[]
  /** Cross-chain links with an outbound payment, in result order. */
  readonly links: readonly TraceGraphLink[]
}

type MutableNode = {
  chain: ChainId
  address: string | null
  asset: string
  hop: number | null
  seeded: Amount
  received: Amount
  held: Amount
  absorbed: Amount
  isEndpoint: boolean
  designation: TraceGraphNode['designation']
}

/** Builds the address graph of a trace: holdings, endpoints and both ends of every transfer. */
export function traceGraph(result: TraceResult): TraceGraph {
  const byKey = new Map<string, MutableNode>()
  const node = (chain: ChainId, address: string | null, asset: string): MutableNode => {
    const key = nodeKey(chain, address, asset)
    let found = byKey.get(key)
    if (found === undefined) {
      found = {
        chain,
        address,
        asset,
        hop: null,
        seeded: 0n,
        received: 0n,
        held: 0n,
        absorbed: 0n,
        isEndpoint: false,
        designation: null,
      }
      byKey.set(key, found)
    }
    return found
  }
  const lowerHop = (n: MutableNode, hop: number) => {
    if (n.hop === null || hop < n.hop) n.hop = hop
  }
  for (const h of result.holdings) {
    const n = node(h.chain, h.address, h.asset)
    n.seeded = h.seeded
    n.received = h.received
    n.held = h.held
    lowerHop(n, h.hop)
  }
  for (const e of result.endpoints) {
    const n = node(e.chain, e.address, e.asset)
    n.absorbed = e.absorbed
    n.isEndpoint = true
    if (e.category !== undefined && e.list !== undefined) {
      n.designation = { name: e.label ?? e.entity ?? null, category: e.category, list: e.list }
    }
    lowerHop(n, e.hop)
  }
  for (const t of result.transfers) {
    node(t.chain, t.from, t.asset)
    lowerHop(node(t.chain, t.to, t.asset), t.hop)
  }
  const matched = result.links.filter((l) => l.outbound !== null)
  for (const l of matched) {
    lowerHop(node(l.chain, l.vault, l.asset), l.hop)
    if (l.outbound !== null)
      lowerHop(node(l.outbound.chain, l.outbound.address, 'native'), l.hop + 1)
  }
  const sorted = [...byKey.values()].sort(compareNodes)
  const ids = new Map<string, string>()
  const nodes = sorted.map((n, index): TraceGraphNode => {
    const id = `n${index}`
    ids.set(nodeKey(n.chain, n.address, n.asset), id)
    return { id, ...n }
  })
  const edges = result.transfers.map(
    (transfer, index): TraceGraphEdge => ({
      id: `e${index}`,
      source: ids.get(nodeKey(transfer.chain, transfer.from, transfer.asset)) ?? '',
      target: ids.get(nodeKey(transfer.chain, transfer.to, transfer.asset)) ?? '',
      transfer,
    }),
  )
  const links = matched.map(
    (link, index): TraceGraphLink => ({
      id: `l${index}`,
      source: ids.get(nodeKey(link.chain, link.vault, link.asset)) ?? '',
      target:
        ids.get(
          nodeKey(link.outbound?.chain ?? link.chain, link.outbound?.address ?? null, 'native'),
        ) ?? '',
      link,
    }),
  )
  return { nodes, edges, links }
}

function nodeKey(chain: string, address: string | null, asset: string): string {
  return JSON.stringify([chain, address, asset])
}

/** Code-unit order, independent of locale; "no address" sorts first. */
function compareNodes(a: MutableNode, b: MutableNode): number {
  return (
    compare(a.chain, b.chain) ||
    compare(a.address ?? '', b.address ?? '') ||
    (a.address === null ? 0 : 1) - (b.address === null ? 0 : 1) ||
    compare(a.asset, b.asset)
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
