import { canonicalJson } from './canonicalJson.js'
import { escapeXml } from './escapeXml.js'
import { type TraceGraphNode, traceGraph } from './traceGraph.js'
import type { StoreTrace } from './traceStore.js'

type Key = {
  readonly id: string
  readonly for: 'graph' | 'node' | 'edge'
  readonly name: string
  readonly type: 'string' | 'int' | 'boolean'
}

// Amounts are strings: GraphML's `long` is 64-bit and token amounts reach 2^256.
const keys: readonly Key[] = [
  { id: 'g_sha256', for: 'graph', name: 'sha256', type: 'string' },
  { id: 'g_policy', for: 'graph', name: 'policy', type: 'string' },
  { id: 'g_seeds', for: 'graph', name: 'seeds', type: 'string' },
  { id: 'g_parameters', for: 'graph', name: 'parameters', type: 'string' },
  { id: 'g_blocks', for: 'graph', name: 'blocks', type: 'string' },
  { id: 'g_events', for: 'graph', name: 'events', type: 'int' },
  { id: 'g_unmatchedSwaps', for: 'graph', name: 'unmatchedSwaps', type: 'int' },
  { id: 'g_links', for: 'graph', name: 'links', type: 'int' },
  { id: 'n_address', for: 'node', name: 'address', type: 'string' },
  { id: 'n_chain', for: 'node', name: 'chain', type: 'string' },
  { id: 'n_asset', for: 'node', name: 'asset', type: 'string' },
  { id: 'n_hop', for: 'node', name: 'hop', type: 'int' },
  { id: 'n_seeded', for: 'node', name: 'seeded', type: 'string' },
  { id: 'n_received', for: 'node', name: 'received', type: 'string' },
  { id: 'n_held', for: 'node', name: 'held', type: 'string' },
  { id: 'n_absorbed', for: 'node', name: 'absorbed', type: 'string' },
  { id: 'n_endpoint', for: 'node', name: 'endpoint', type: 'boolean' },
  { id: 'n_label', for: 'node', name: 'label', type: 'string' },
  { id: 'n_category', for: 'node', name: 'category', type: 'string' },
  { id: 'n_list', for: 'node', name: 'list', type: 'string' },
  { id: 'e_chain', for: 'edge', name: 'chain', type: 'string' },
  { id: 'e_txHash', for: 'edge', name: 'txHash', type: 'string' },
  { id: 'e_position', for: 'edge', name: 'position', type: 'string' },
  { id: 'e_outputIndex', for: 'edge', name: 'outputIndex', type: 'int' },
  { id: 'e_asset', for: 'edge', name: 'asset', type: 'string' },
  { id: 'e_amount', for: 'edge', name: 'amount', type: 'string' },
  { id: 'e_tainted', for: 'edge', name: 'tainted', type: 'string' },
  { id: 'e_hop', for: 'edge', name: 'hop', type: 'int' },
  { id: 'e_fate', for: 'edge', name: 'fate', type: 'string' },
  { id: 'e_kind', for: 'edge', name: 'kind', type: 'string' },
  { id: 'e_memo', for: 'edge', name: 'memo', type: 'string' },
  { id: 'e_outbound', for: 'edge', name: 'outbound', type: 'string' },
  { id: 'e_timeDelta', for: 'edge', name: 'timeDelta', type: 'int' },
  { id: 'e_confidence', for: 'edge', name: 'confidence', type: 'string' },
  { id: 'e_evidence', for: 'edge', name: 'evidence', type: 'string' },
]

/**
 * A trace as GraphML 1.0: a node per (chain, address, asset) so every amount has one unit,
 * an edge per taint-carrying transfer in event order, amounts as exact decimal strings, and the
 * manifest (SHA-256, policy, seeds, parameters, blocks) on the graph. Absent addresses (mints,
 * coinbases, burns) are nodes with an empty address.
 */
export function renderGraphml({ manifest, result }: StoreTrace): string {
  const { nodes, edges, links } = traceGraph(result)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(
      (k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`,
    ),
    '  <graph id="trace" edgedefault="directed">',
    data('g_sha256', manifest.sha256, 4),
    data('g_policy', manifest.policy, 4),
    data('g_seeds', canonicalJson(manifest.seeds), 4),
    data('g_parameters', canonicalJson(manifest.parameters), 4),
    data('g_blocks', canonicalJson(manifest.blocks), 4),
    data('g_events', String(manifest.events), 4),
    data('g_unmatchedSwaps', String(manifest.unmatchedSwaps), 4),
    data('g_links', String(manifest.links), 4),
  ]
  for (const n of nodes) {
    lines.push(`    <node id="${n.id}">`, ...nodeData(n), '    </node>')
  }
  for (const { id, source, target, transfer: t } of edges) {
    lines.push(
      `    <edge id="${id}" source="${source}" target="${target}">`,
      data('e_chain', t.chain),
      data('e_txHash', t.txHash),
      ...(t.position === null ? [] : [data('e_position', t.position)]),
      ...(t.outputIndex === null ? [] : [data('e_outputIndex', String(t.outputIndex))]),
      data('e_asset', t.asset),
      data('e_amount', t.amount.toString()),
      data('e_tainted', t.tainted.toString()),
      data('e_hop', String(t.hop)),
      data('e_fate', t.fate),
      '    </edge>',
    )
  }
  // Cross-chain links: the bridge vault on one chain to the payee of the outbound on the other.
  for (const { id, source, target, link: l } of links) {
    lines.push(
      `    <edge id="${id}" source="${source}" target="${target}">`,
      data('e_kind', 'bridge-link'),
      data('e_chain', l.chain),
      data('e_txHash', l.txHash),
      data('e_position', l.position),
      data('e_asset', l.asset),
      data('e_amount', l.amount.toString()),
      data('e_tainted', l.tainted.toString()),
      data('e_hop', String(l.hop)),
      data('e_fate', 'bridge'),
      data('e_memo', l.memo),
      ...(l.outbound === null
        ? []
        : [
            data(
              'e_outbound',
              `${l.outbound.chain}:${l.outbound.txHash}:${l.outbound.outputIndex}`,
            ),
          ]),
      ...(l.timeDelta === null ? [] : [data('e_timeDelta', String(l.timeDelta))]),
      data('e_confidence', l.confidence),
      data('e_evidence', canonicalJson(l.evidence)),
      '    </edge>',
    )
  }
  lines.push('  </graph>', '</graphml>', '')
  return lines.join('\n')
}

function nodeData(n: TraceGraphNode): string[] {
  return [
    data('n_address', n.address ?? ''),
    data('n_chain', n.chain),
    data('n_asset', n.asset),
    ...(n.hop === null ? [] : [data('n_hop', String(n.hop))]),
    data('n_seeded', n.seeded.toString()),
    data('n_received', n.received.toString()),
    data('n_held', n.held.toString()),
    data('n_absorbed', n.absorbed.toString()),
    data('n_endpoint', String(n.isEndpoint)),
    ...(n.designation === null
      ? []
      : [
          ...(n.designation.name === null ? [] : [data('n_label', n.designation.name)]),
          data('n_category', n.designation.category),
          data('n_list', n.designation.list),
        ]),
  ]
}

function data(key: string, value: string, indent = 6): string {
  return `${' '.repeat(indent)}<data key="${key}">${escapeXml(value)}</data>`
}
