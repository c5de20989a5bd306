import { describe, expect, it } from 'vitest'
import { evaluateRules } from '../evaluateRules.js'
import type { AncestorTx, EvidenceContext } from '../evidence.js'
import type { MonitorEvent } from '../model.js'
import { day, designation, event, evidence, T0 } from '../testEvidence.js'
import { loadRulePackOrThrow } from './loadRulePack.js'

const pack = loadRulePackOrThrow()
const rule = (id: string) => {
  const found = pack.rules.find((r) => r.id === id)
  if (found === undefined) throw new Error(`no rule ${id}`)
  return found
}
const hitsOf = (id: string, e: MonitorEvent, ctx: EvidenceContext) =>
  evaluateRules([rule(id)], e, ctx)

/** A hit whose explanation has every placeholder filled. */
function expectFilled(hits: ReturnType<typeof hitsOf>, id: string) {
  expect(hits.map((h) => h.ruleId)).toEqual([id])
  const [hit] = hits
  expect(hit?.reason).not.toMatch(/[{}]|\?/)
  expect(hit?.evidence.fatf).toEqual(rule(id).fatf)
}

const deposits = (
  amounts: readonly bigint[],
  start: number,
  gap: number,
  extra: Partial<MonitorEvent> = {},
) =>
  amounts.map((amount, i) =>
    event({ amount, time: start + i * gap, txHash: `${i}`.padStart(64, '0'), ...extra }),
  )

const peelTx = (
  n: number,
  time: number,
  inputs: AncestorTx['inputDesignations'] = [],
): AncestorTx => ({
  txHash: `${n}`.padStart(64, 'f'),
  blockTime: time,
  inputCount: 1,
  outputValues: [10n, 90n],
  inputAddresses: ['bc1qpeel'],
  inputDesignations: inputs,
})

describe('shipped rule pack', () => {
  it('loads every rule kind with FATF references', () => {
    expect(new Set(pack.rules.map((r) => r.kind)).size).toBe(9)
    for (const r of pack.rules) expect(r.fatf.length).toBeGreaterThan(0)
  })

  it('direct designations fire on the counterparty, per category', () => {
    const e = event()
    for (const [id, category] of [
      ['direct-sanctioned', 'sanctioned'],
      ['direct-stolen-funds', 'stolen-funds'],
      ['direct-hacker', 'hacker'],
      ['direct-mixer', 'mixer'],
    ] as const) {
      expectFilled(
        hitsOf(id, e, evidence({ designations: [designation(e.counterparty, category)] })),
        id,
      )
      expect(
        hitsOf(id, e, evidence({ designations: [designation(e.counterparty, 'exchange')] })),
      ).toEqual([])
      expect(hitsOf(id, e, evidence())).toEqual([])
    }
  })

  it('exposure fires within its hops and flow, not beyond', () => {
    const exposure = (hops: number, direction: 'incoming' | 'outgoing') => ({
      direction,
      hops,
      address: 'bc1qthief',
      category: 'stolen-funds' as const,
      list: 'test-list',
      entity: 'thief',
      asset: 'native',
      amount: 5n,
      path: ['bc1qcounterparty', 'bc1qmid', 'bc1qthief'],
    })
    expectFilled(
      hitsOf('exposure-theft', event(), evidence({ exposures: [exposure(2, 'incoming')] })),
      'exposure-theft',
    )
    expect(
      hitsOf('exposure-theft', event(), evidence({ exposures: [exposure(3, 'incoming')] })),
    ).toEqual([])
    // A deposit cares where the counterparty's money came from, not where it sent money.
    expect(
      hitsOf('exposure-theft', event(), evidence({ exposures: [exposure(1, 'outgoing')] })),
    ).toEqual([])
  })

  it('structuring: three deposits just under the threshold within a day', () => {
    const under = deposits([850_000n, 900_000n], T0 - 3600, 600)
    expectFilled(
      hitsOf('structuring', event({ amount: 950_000n }), evidence({ history: under })),
      'structuring',
    )
    // At the threshold is not under it; two are not enough; a day later is outside the window.
    expect(
      hitsOf('structuring', event({ amount: 1_000_000n }), evidence({ history: under })),
    ).toEqual([])
    expect(
      hitsOf('structuring', event({ amount: 950_000n }), evidence({ history: under.slice(1) })),
    ).toEqual([])
    expect(
      hitsOf(
        'structuring',
        event({ amount: 950_000n, time: T0 + 2 * day }),
        evidence({ history: under }),
      ),
    ).toEqual([])
  })

  it('rapid in-and-out: a withdrawal of ≥ 90 % of recent deposits', () => {
    const history = deposits([1_000_000n], T0 - 3600, 0)
    const out = (amount: bigint) => event({ direction: 'withdrawal', amount })
    expectFilled(hitsOf('rapid-in-out', out(950_000n), evidence({ history })), 'rapid-in-out')
    expect(hitsOf('rapid-in-out', out(500_000n), evidence({ history }))).toEqual([])
    expect(hitsOf('rapid-in-out', out(950_000n), evidence())).toEqual([])
  })

  it('fan-in: ten counterparties feeding one account within a day', () => {
    const many = Array.from({ length: 9 }, (_, i) =>
      event({
        counterparty: `bc1qsource${i}`,
        time: T0 - i * 60,
        txHash: `${i}`.padStart(64, '1'),
      }),
    )
    expectFilled(hitsOf('fan-in', event(), evidence({ history: many })), 'fan-in')
    expect(hitsOf('fan-in', event(), evidence({ history: many.slice(3) }))).toEqual([])
  })

  it('new account with high volume', () => {
    const big = event({ amount: 1_200_000_000n })
    expectFilled(hitsOf('new-account-volume', big, evidence()), 'new-account-volume')
    expect(hitsOf('new-account-volume', big, evidence({ firstSeen: T0 - 30 * day }))).toEqual([])
    expect(hitsOf('new-account-volume', event(), evidence())).toEqual([])
  })

  it('dormancy then burst', () => {
    const burst = deposits([1n, 1n], T0 - 7200, 3600)
    const old = T0 - 400 * day
    expectFilled(
      hitsOf('dormancy-burst', event(), evidence({ history: burst, firstSeen: old })),
      'dormancy-burst',
    )
    const active = [...deposits([1n], T0 - 30 * day, 0), ...burst]
    expect(
      hitsOf('dormancy-burst', event(), evidence({ history: active, firstSeen: old })),
    ).toEqual([])
    expect(
      hitsOf('dormancy-burst', event(), evidence({ history: burst, firstSeen: null })),
    ).toEqual([])
  })

  it('peel chain: three consecutive small peels within two days of each other', () => {
    const chain = [peelTx(1, T0), peelTx(2, T0 - 3600), peelTx(3, T0 - 7200)]
    expectFilled(hitsOf('peel-chain', event(), evidence({ ancestry: chain })), 'peel-chain')
    expect(hitsOf('peel-chain', event(), evidence({ ancestry: chain.slice(0, 2) }))).toEqual([])
    const even = { ...peelTx(2, T0 - 3600), outputValues: [50n, 50n] }
    expect(
      hitsOf(
        'peel-chain',
        event(),
        evidence({ ancestry: [peelTx(1, T0), even, peelTx(3, T0 - 7200)] }),
      ),
    ).toEqual([])
    const slow = [peelTx(1, T0), peelTx(2, T0 - 10 * day), peelTx(3, T0 - 11 * day)]
    expect(hitsOf('peel-chain', event(), evidence({ ancestry: slow }))).toEqual([])
  })

  it('bridge origin: a bridge payout on the funding path within the window', () => {
    const bridge = [designation('bc1qvault', 'bridge')]
    const path = [peelTx(1, T0), peelTx(2, T0 - day, bridge)]
    expectFilled(hitsOf('bridge-origin', event(), evidence({ ancestry: path })), 'bridge-origin')
    const stale = [peelTx(1, T0), peelTx(2, T0 - 30 * day, bridge)]
    expect(hitsOf('bridge-origin', event(), evidence({ ancestry: stale }))).toEqual([])
    const account = event({ chain: 'ethereum', counterparty: '0xabc' })
    expectFilled(hitsOf('bridge-origin', account, evidence({ funders: bridge })), 'bridge-origin')
    expect(hitsOf('bridge-origin', account, evidence())).toEqual([])
  })

  it('applies a rule only to its directions', () => {
    const out = event({ direction: 'withdrawal' })
    const chain = [peelTx(1, T0), peelTx(2, T0), peelTx(3, T0)]
    expect(hitsOf('peel-chain', out, evidence({ ancestry: chain }))).toEqual([])
  })
})
