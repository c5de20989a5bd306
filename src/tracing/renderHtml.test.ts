import { describe, expect, test } from 'vitest'
import { formatAmount } from './formatAmount.js'
import { renderHtml } from './renderHtml.js'
import { hostileAddress, renderTestTrace, transfer } from './renderTestTrace.js'

const events = [
  transfer(1, 'X', 'A', 1_000_000n, 'theft'),
  transfer(2, 'C', 'A', 3_000_000n),
  transfer(3, 'A', hostileAddress, 2_000_000n),
  transfer(4, 'A', 'EXCH1', 1_000_000n),
  transfer(5, hostileAddress, 'EXCH2', 400_000n),
]

describe('behavior: renderHtml', () => {
  for (const policy of ['poison', 'haircut', 'fifo'] as const) {
    test(`report (${policy})`, () => {
      const trace = renderTestTrace(events, ['EXCH1', 'EXCH2'], policy)
      const html = renderHtml(trace)
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
      expect(html).toContain(trace.manifest.sha256)
      expect(trace.result.endpoints.length).toBeGreaterThan(0)
      for (const endpoint of trace.result.endpoints) {
        expect(html).toContain(endpoint.address)
        expect(html).toContain(formatAmount(endpoint.absorbed))
      }
      expect(html).toContain('<svg')
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/\b(src|href)=/)
      expect(html).toContain('0x&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;&amp;&#39;')
      expect(html).toContain(
        policy === 'fifo'
          ? 'First in, first out'
          : `${policy[0]?.toUpperCase()}${policy.slice(1)}:`,
      )
    })
  }

  test('amounts with thousands separators', () => {
    const html = renderHtml(renderTestTrace(events, ['EXCH1', 'EXCH2'], 'haircut'))
    // Haircut: A holds 1,000,000 of 4,000,000 tainted; 1/4 of each outflow is tainted.
    expect(html).toContain('250,000')
    expect(html).toContain('500,000')
  })

  test('large traces: the picture is capped and says how many are left out', () => {
    const fanOut = Array.from({ length: 80 }, (_, i) => transfer(10 + i, 'A', `B${i}`, 1000n))
    const trace = renderTestTrace([transfer(1, 'X', 'A', 80_000n, 'theft'), ...fanOut], [])
    const html = renderHtml(trace)
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))
    expect(svg.match(/<rect /g)).toHaveLength(60)
    // 82 addresses: X, A and B0…B79.
    expect(html).toContain('22 more addresses are not drawn')
    expect(html).toContain('B79')
  })
})
