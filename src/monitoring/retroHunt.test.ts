import { describe, expect, test } from 'vitest'
import type { Designation, MonitorEventRecord } from '../store/index.js'
import { alertId } from './buildAlert.js'
import { retroAlerts, retroHuntOrigin } from './retroHunt.js'

const bad = `0x${'ab'.repeat(20)}`
const clean = `0x${'cd'.repeat(20)}`

function designation(fields: Partial<Designation> = {}): Designation {
  return {
    chain: 'ethereum',
    address: bad,
    asset: null,
    category: 'stolen-funds',
    entity: 'Bybit exploiter',
    entityId: null,
    programmes: [],
    confidence: 90,
    label: null,
    list: 'fbi-psa250226',
    kind: 'address-list',
    source: '/lists/fbi.txt',
    since: '2025-02-26',
    until: null,
    ...fields,
  }
}

function event(fields: Partial<MonitorEventRecord> = {}): MonitorEventRecord {
  return {
    org: 'exchange-a',
    account: 'alice',
    direction: 'deposit',
    chain: 'ethereum',
    txHash: `0x${'01'.repeat(32)}`,
    index: 3,
    counterparty: bad,
    ownAddress: clean,
    asset: 'native',
    amount: 5n * 10n ** 18n,
    time: 1_740_000_000,
    ...fields,
  }
}

const NOW = '2025-03-01T00:00:00.000Z'

describe('retroAlerts', () => {
  test('raises one alert per matching event with the designation as evidence', () => {
    const e = event()
    const alerts = retroAlerts([designation()], [e, event({ counterparty: clean })], NOW)
    expect(alerts).toHaveLength(1)
    const [a] = alerts
    const origin = `retro-hunt:fbi-psa250226:${bad}`
    expect(a).toMatchObject({
      id: alertId(e, origin),
      org: 'exchange-a',
      account: 'alice',
      origin,
      decision: 'hold',
      score: 100,
      status: 'open',
      createdAt: NOW,
      event: { txHash: e.txHash, index: 3, counterparty: bad, amount: e.amount },
    })
    expect(a?.hits).toHaveLength(1)
    expect(a?.hits[0]).toMatchObject({
      ruleId: 'retro-hunt',
      severity: 'critical',
      evidence: {
        list: 'fbi-psa250226',
        category: 'stolen-funds',
        entity: 'Bybit exploiter',
        event: { txHash: e.txHash, amount: '5000000000000000000', direction: 'deposit' },
      },
    })
    expect(a?.hits[0]?.reason).toMatch(/designated stolen-funds by fbi-psa250226/)
  })

  test('venues, other chains and unmatched events raise nothing', () => {
    const events = [event(), event({ chain: 'bitcoin' })]
    expect(retroAlerts([designation({ category: 'exchange' })], events, NOW)).toEqual([])
    expect(retroAlerts([designation({ chain: 'tron' })], events, NOW)).toEqual([])
    expect(retroAlerts([designation({ address: clean })], events, NOW)).toEqual([])
  })

  test('one alert per list; two designations of a list add up in one alert', () => {
    const alerts = retroAlerts(
      [
        designation({ category: 'mixer', entityId: 'a' }),
        designation({ category: 'scam', entityId: 'b' }),
        designation({ list: 'ofac-sdn', category: 'sanctioned' }),
      ],
      [event()],
      NOW,
    )
    expect(alerts.map((a) => a.origin).sort()).toEqual([
      retroHuntOrigin({ list: 'fbi-psa250226', address: bad }),
      retroHuntOrigin({ list: 'ofac-sdn', address: bad }),
    ])
    const fbi = alerts.find((a) => a.origin.includes('fbi'))
    // mixer 60 + scam 50, capped at 100; high severity alone would only review.
    expect(fbi).toMatchObject({ score: 100, decision: 'hold' })
    expect(fbi?.hits.map((h) => h.evidence.category)).toEqual(['mixer', 'scam'])
  })

  test('a lone high-severity designation is sent to review, never allowed', () => {
    const [a] = retroAlerts([designation({ category: 'scam' })], [event()], NOW)
    expect(a).toMatchObject({ decision: 'review', score: 50 })
  })
})
