import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../errors/index.js'
import { createRng } from './createRng.js'
import { parseFindings, parseTruth } from './findingsSchema.js'
import { formatCoins, formatDelay, renderScoreTable, scoreToJson } from './renderScore.js'
import { scoreFindings } from './scoreFindings.js'
import { simAddress } from './simAddress.js'

const rng = createRng(1, 'score-test')
const eth = () => simAddress(rng, 'ethereum')
const btc = () => simAddress(rng, 'bitcoin')
const [T0, T1, T2, V, R, VA, H] = [eth(), eth(), eth(), eth(), eth(), eth(), eth()]
const [B1, B2, E1, E2, O, BV, HB, RB] = [btc(), btc(), btc(), btc(), btc(), btc(), btc(), btc()]
const hash = () => rng.hex(32)
const [t1, t2, t3, t4] = [`0x${hash()}`, `0x${hash()}`, `0x${hash()}`, `0x${hash()}`]
const [b1, b2, b3, b4] = [hash(), hash(), hash(), hash()]

const step = (
  chain: string,
  technique: string,
  txHash: string,
  from: string,
  to: string,
  amount: number,
  time: number,
) => ({ chain, technique, txHash, from, to, asset: 'native', amount: `${amount}`, time })

/** A miniature heist: ETH stolen, fanned out, bridged; BTC peeled to exchanges and an OTC desk. */
const truthJson = {
  scenario: 'mini',
  seed: 1,
  extraField: { scenarios: 'add their own' },
  organisations: [
    { name: 'Victim', kind: 'victim', addresses: [V] },
    { name: 'Bridge', kind: 'bridge', addresses: [R, VA, BV] },
    { name: 'Exchange A', kind: 'exchange', addresses: [H, HB] },
    { name: 'OTC Desk', kind: 'otc', addresses: [O] },
  ],
  thiefAddresses: { ethereum: [T0, T1, T2], bitcoin: [B1, B2] },
  steps: [
    step('ethereum', 'theft', t1, V, T0, 100, 1000),
    step('ethereum', 'fan-out', t2, T0, T1, 60, 1100),
    step('ethereum', 'fan-out', t3, T0, T2, 40, 1200),
    step('ethereum', 'bridge-deposit', t4, T1, R, 60, 2000),
    step('ethereum', 'bridge-deposit', t4, R, VA, 60, 2000),
    step('bitcoin', 'bridge-payout', b1, BV, B1, 5000, 3000),
    step('bitcoin', 'peel', b2, B1, E1, 1000, 4000),
    step('bitcoin', 'peel', b2, B1, B2, 3900, 4000),
    step('bitcoin', 'peel', b3, B2, E2, 500, 5000),
    step('bitcoin', 'otc-deposit', b4, B2, O, 3000, 6000),
  ],
  endpoints: [
    {
      chain: 'bitcoin',
      address: E1,
      asset: 'native',
      amount: '1000',
      organisation: 'Exchange A',
      kind: 'exchange',
    },
    {
      chain: 'bitcoin',
      address: E2,
      asset: 'native',
      amount: '500',
      organisation: 'Exchange A',
      kind: 'exchange',
    },
    {
      chain: 'bitcoin',
      address: O,
      asset: 'native',
      amount: '3000',
      organisation: 'OTC Desk',
      kind: 'otc',
    },
  ],
}

const findingsJson = {
  participant: 'team-1',
  flagged: [
    { chain: 'ethereum', address: T0.toUpperCase().replace('0X', '0x'), time: 900 },
    { chain: 'Ethereum', address: T1, time: '1970-01-01T00:25:00Z' },
    { chain: 'ethereum', address: H, time: 1000 },
    { chain: 'bitcoin', address: RB, time: 1000 },
  ],
  alerts: [
    { chain: 'bitcoin', txHash: b2.toUpperCase(), time: 4600, ruleId: 'peel-chain' },
    { chain: 'ethereum', address: T2, time: 1300 },
  ],
  holds: [
    { chain: 'bitcoin', address: E1, amount: '900', time: 4100 },
    { chain: 'bitcoin', address: E1, asset: 'native', amount: '600', time: 4200 },
    { chain: 'bitcoin', address: O, amount: '1000', time: '1970-01-01T02:56:40+01:00' },
    { chain: 'bitcoin', address: B2, amount: '200', time: 8000 },
    { chain: 'bitcoin', address: RB, amount: '77', time: 8000 },
  ],
}

const truth = parseTruth(truthJson)
const report = scoreFindings(truth, parseFindings(findingsJson, ['bitcoin', 'ethereum']))

describe('scoreFindings', () => {
  test('addresses: precision over everything named, recall over thief and endpoints', () => {
    const [bitcoin, ethereum] = report.addresses.byChain
    expect(ethereum).toMatchObject({ named: 4, truePositives: 3, falsePositives: 1 })
    expect(ethereum?.thief).toEqual({ total: 3, found: 3, recall: 1 })
    expect(bitcoin).toMatchObject({ named: 4, truePositives: 3, falsePositives: 1 })
    expect(bitcoin?.thief).toEqual({ total: 2, found: 1, recall: 0.5 })
    expect(bitcoin?.endpoints).toEqual({ total: 3, found: 2, recall: 0.6667 })
    expect(report.addresses.all).toMatchObject({ named: 8, truePositives: 6, precision: 0.75 })
    // The OTC desk's address is an endpoint, so not a false positive; the hot wallet is.
    expect(report.addresses.falsePositives).toEqual([
      { chain: 'bitcoin', address: RB, organisation: null, kind: null },
      { chain: 'ethereum', address: H, organisation: 'Exchange A', kind: 'exchange' },
    ])
    expect(report.addresses.serviceAddressesNamed).toBe(1)
    expect(report.alerts).toEqual({ total: 2, onTruth: 2, false: 0, precision: 1 })
  })

  test('time to detect per technique, in laundering order', () => {
    const rows = report.detection.byTechnique.map((d) => [
      d.technique,
      d.steps,
      d.detected,
      d.medianDelay,
      d.p90Delay,
    ])
    expect(rows).toEqual([
      ['theft', 1, 1, 0, 0], // flagged before the theft: delay 0
      ['fan-out', 2, 2, 100, 400], // T2 alerted at 1300, T1 flagged at 1500
      ['bridge-deposit', 2, 2, 0, 0], // the sender T1 was known before the deposit
      ['bridge-payout', 1, 0, null, null],
      ['peel', 3, 2, 100, 600], // E1 held at 4100, B2 via the tx alert; E2 missed though B2 held
      ['otc-deposit', 1, 1, 1000, 1000],
    ])
    expect(report.detection.overall).toMatchObject({
      steps: 10,
      detected: 8,
      undetected: 2,
      medianDelay: 100,
      p90Delay: 1000,
    })
    expect(report.detection).toMatchObject({
      theftTime: 1000,
      firstDetectionTime: 900,
      firstDetectionDelay: 0,
    })
  })

  test('value frozen at endpoints, capped at what reached them; other holds apart', () => {
    expect(report.value.byAsset).toEqual([
      {
        chain: 'bitcoin',
        asset: 'native',
        symbol: 'BTC',
        decimals: 8,
        endpoints: 3,
        endpointsHeld: 2,
        endpointTotal: 4500n,
        frozen: 2000n,
        escaped: 2500n,
      },
    ])
    expect(report.value.holdDelay).toEqual({ endpoints: 2, median: 100, p90: 1000 })
    const sats = (amount: bigint) => [{ chain: 'bitcoin', asset: 'native', amount }]
    expect(report.value.overHeld).toEqual({ count: 1, amounts: sats(500n) })
    expect(report.value.offEndpoints).toEqual({ count: 1, amounts: sats(200n) })
    expect(report.value.wrongful).toEqual({ count: 1, amounts: sats(77n) })
  })

  test('table and JSON', () => {
    const text = renderScoreTable(report)
    expect(text).toContain('Score of team-1 on mini (seed 1)')
    expect(text).toMatch(
      /bitcoin\s+BTC\s+3\s+2\s+0\.000045 BTC\s+0\.00002 BTC\s+0\.000025 BTC\s+44\.44 %/,
    )
    expect(text).toMatch(/ethereum\s+fan-out\s+2\s+2\s+0\s+1m 40s\s+6m 40s/)
    expect(text).toContain(`service address ${H} (ethereum): Exchange A, exchange`)
    const json = JSON.parse(JSON.stringify(scoreToJson(report)))
    expect(json.value.byAsset[0]).toMatchObject({
      endpointTotal: '4500',
      frozen: '2000',
      coins: { endpointTotal: '0.000045', frozen: '0.00002', escaped: '0.000025' },
    })
    expect(json.value.wrongful.amounts).toEqual([
      { chain: 'bitcoin', asset: 'native', amount: '77', coins: '0.00000077' },
    ])
  })
})

describe('findings validation', () => {
  const issuesOf = (json: unknown): string[] => {
    try {
      parseFindings(json, ['bitcoin', 'ethereum'])
    } catch (error) {
      if (!isChainwatchError(error, 'input.invalid')) throw error
      return error.meta.issues as string[]
    }
    throw new Error('parsed')
  }

  test('names every bad field by its path', () => {
    expect(
      issuesOf({
        flagged: [
          { chain: 'eth', address: T0, time: 1 },
          { chain: 'bitcoin', address: 'bc1qnotanaddress', time: 1_740_147_215_000 },
        ],
        alerts: [{ chain: 'bitcoin', time: 5 }],
        holds: [{ chain: 'bitcoin', address: E1, amount: '1.5', time: '2025-02-21T14:13:35' }],
        flags: [],
      }),
    ).toEqual([
      'flagged.0.chain: must be a chain of this scenario (bitcoin, ethereum)',
      'flagged.1.time: must be unix seconds, not milliseconds',
      'flagged.1.address: "bc1qnotanaddress" is not a valid bitcoin address',
      'alerts.0: an alert names an address or a txHash',
      'holds.0.amount: must be a positive integer in base units, as a string',
      'holds.0.time: must be unix seconds or ISO 8601 with Z or an offset (2025-02-21T14:13:35Z)',
      'Unrecognized key: "flags"',
    ])
    expect(
      issuesOf({ flagged: [{ chain: 'bitcoin', address: 'bc1qnotanaddress', time: 1 }] }),
    ).toEqual(['flagged.0.address: "bc1qnotanaddress" is not a valid bitcoin address'])
    expect(issuesOf({ holds: [{ chain: 'bitcoin', address: E1, amount: '0', time: 1 }] })).toEqual([
      'holds.0.amount: must be a positive integer in base units, as a string',
    ])
  })

  test('normalises addresses, hashes and times', () => {
    const f = parseFindings(findingsJson, ['bitcoin', 'ethereum'])
    expect(f.flagged[0]).toEqual({ chain: 'ethereum', address: T0, time: 900 })
    expect(f.flagged[1]).toEqual({ chain: 'ethereum', address: T1, time: 1500 })
    expect(f.alerts[0]?.txHash).toBe(b2)
    expect(f.holds[2]?.time).toBe(7000)
    expect(parseFindings({}, ['bitcoin']).participant).toBe('participant')
  })

  test('formats amounts exactly and delays in two units', () => {
    expect(formatCoins(150_000_000n, 8)).toBe('1.5')
    expect(formatCoins(1n, 18)).toBe('0.000000000000000001')
    expect(formatCoins(401_346_973_952_000_000_000_000n, 18)).toBe('401346.973952')
    expect(formatCoins(0n, 8)).toBe('0')
    expect([0, 45, 725, 12_000, 190_000].map(formatDelay)).toEqual([
      '0s',
      '45s',
      '12m 5s',
      '3h 20m',
      '2d 4h',
    ])
  })
})
