import { SaxesParser } from 'saxes'
import { describe, expect, test } from 'vitest'
import { renderGraphml } from './renderGraphml.js'
import { hostileAddress, renderTestTrace, transfer } from './renderTestTrace.js'

const big = 10n ** 24n + 7n // beyond 2^64: must survive exactly
const events = [
  transfer(1, 'X', 'A', big, 'theft'),
  transfer(2, 'C', 'A', 3n * big),
  transfer(3, 'A', hostileAddress, 2n * big),
  transfer(4, 'A', 'EXCH', big),
  transfer(5, hostileAddress, 'EXCH', 5n),
  transfer(6, hostileAddress, null, 7n),
]

/** What escapeXml makes of the one control character in the hostile address. */
const xmlSafe = (text: string) => text.replace('\u0001', '\uFFFD')

type Element = { name: string; attributes: Record<string, string>; data: Record<string, string> }

/** Parses GraphML with a conforming XML parser; throws on any well-formedness error. */
function parse(xml: string) {
  const parser = new SaxesParser({ xmlns: true })
  const elements: Element[] = []
  const stack: Element[] = []
  let rootNamespace = ''
  let dataKey: string | null = null
  let text = ''
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {}
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      attributes[name] = typeof attribute === 'string' ? attribute : attribute.value
    }
    if (tag.local === 'graphml') rootNamespace = tag.uri ?? ''
    if (tag.local === 'data') {
      dataKey = attributes.key ?? null
      text = ''
      return
    }
    const element = { name: tag.local ?? '', attributes, data: {} }
    elements.push(element)
    stack.push(element)
  })
  parser.on('text', (value) => {
    if (dataKey !== null) text += value
  })
  parser.on('closetag', (tag) => {
    if (tag.local === 'data') {
      const owner = stack.at(-1)
      if (owner !== undefined && dataKey !== null) owner.data[dataKey] = text
      dataKey = null
      return
    }
    stack.pop()
  })
  parser.write(xml).close()
  return { rootNamespace, elements }
}

describe('behavior: renderGraphml', () => {
  const trace = renderTestTrace(events, ['EXCH'])
  const { result, manifest } = trace
  const xml = renderGraphml(trace)
  const { rootNamespace, elements } = parse(xml)
  const nodes = elements.filter((x) => x.name === 'node')
  const edges = elements.filter((x) => x.name === 'edge')
  const graph = elements.find((x) => x.name === 'graph')

  test('well-formed GraphML with a node per address and asset and an edge per transfer', () => {
    expect(rootNamespace).toBe('http://graphml.graphdrawing.org/xmlns')
    const expectedNodes = new Set<string | null>([
      ...result.holdings.map((h) => h.address),
      ...result.endpoints.map((x) => x.address),
      ...result.transfers.flatMap((x) => [x.from, x.to]),
    ])
    expect(nodes).toHaveLength(expectedNodes.size)
    expect(edges).toHaveLength(result.transfers.length)
    expect(result.transfers.length).toBeGreaterThan(3)
  })

  test('edges carry exact amounts in event order', () => {
    expect(
      edges.map((x) => [x.data.e_txHash, x.data.e_amount, x.data.e_tainted, x.data.e_fate]),
    ).toEqual(result.transfers.map((x) => [x.txHash, String(x.amount), String(x.tainted), x.fate]))
    expect(edges[0]?.data.e_tainted).toBe('1000000000000000000000007')
  })

  test('nodes carry exact held, received and absorbed amounts', () => {
    const byAddress = new Map(nodes.map((n) => [n.data.n_address, n.data]))
    for (const h of result.holdings) {
      expect(byAddress.get(xmlSafe(h.address))).toMatchObject({
        n_held: String(h.held),
        n_received: String(h.received),
        n_endpoint: 'false',
      })
    }
    expect(result.endpoints.map((x) => x.address)).toEqual(['EXCH'])
    expect(byAddress.get('EXCH')).toMatchObject({
      n_absorbed: String(result.endpoints[0]?.absorbed),
      n_endpoint: 'true',
    })
    // The burn goes to the "no address" node.
    expect(byAddress.get('')).toMatchObject({ n_chain: 'ethereum', n_asset: 'native' })
  })

  test('edges connect the right addresses', () => {
    const addressOf = new Map(nodes.map((n) => [n.attributes.id, n.data.n_address]))
    expect(
      edges.map((x) => [
        addressOf.get(x.attributes.source ?? ''),
        addressOf.get(x.attributes.target ?? ''),
      ]),
    ).toEqual(result.transfers.map((x) => [xmlSafe(x.from ?? ''), xmlSafe(x.to ?? '')]))
  })

  test('hostile text is escaped, and unrepresentable characters replaced', () => {
    expect(xml).not.toContain('<script>')
    const hostile = nodes.find((n) => n.data.n_address?.startsWith('0x<script>'))
    expect(hostile?.data.n_address).toBe(xmlSafe(hostileAddress))
  })

  test('graph data: manifest SHA-256 and policy', () => {
    expect(graph?.data.g_sha256).toBe(manifest.sha256)
    expect(graph?.data.g_policy).toBe('haircut')
    expect(JSON.parse(graph?.data.g_seeds ?? '')).toEqual(manifest.seeds)
  })

  test('deterministic', () => {
    expect(renderGraphml(renderTestTrace(events, ['EXCH']))).toBe(xml)
  })
})
