import { chains, isChainId } from '../chain/index.js'
import type { AssetAmount, DetectionRow, Ratio, ScoreReport, ValueRow } from './scoreFindings.js'

/** An exact base-unit amount in coins, e.g. `(150000000n, 8)` → `1.5`; no floats. */
export function formatCoins(amount: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals)
  const sign = amount < 0n ? '-' : ''
  const abs = amount < 0n ? -amount : amount
  const fraction = (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  return `${sign}${abs / scale}${fraction === '' ? '' : `.${fraction}`}`
}

/** Seconds as the two largest units: `0s`, `45s`, `12m 5s`, `3h 20m`, `2d 4h`. */
export function formatDelay(seconds: number | null): string {
  if (seconds === null) return '-'
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ]
  const parts: string[] = []
  let rest = seconds
  for (const [name, size] of units) {
    if (parts.length === 0 && rest < size && size > 1) continue
    parts.push(`${Math.floor(rest / size)}${name}`)
    rest %= size
    if (parts.length === 2) break
  }
  return parts.join(' ')
}

// Ratios carry 4 decimals, so two after the percent sign show them all (99.97 %, never 100 %).
const percent = (r: Ratio) => (r === null ? '-' : `${(r * 100).toFixed(2)} %`)
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
/** Basis points by integer division, so huge amounts keep their precision. */
const share = (part: bigint, whole: bigint) =>
  whole === 0n ? '-' : `${formatCoins((part * 10_000n) / whole, 2)} %`
const isoTime = (unix: number | null) =>
  unix === null ? '-' : new Date(unix * 1000).toISOString().replace('.000Z', 'Z')

function unitsOf(chain: string, asset: string): { symbol: string; decimals: number } | null {
  if (asset !== 'native' || !isChainId(chain)) return null
  return { symbol: chains[chain].nativeAsset, decimals: chains[chain].decimals }
}

function coins(a: AssetAmount): string {
  const units = unitsOf(a.chain, a.asset)
  return units === null
    ? `${a.amount} ${a.asset} on ${a.chain} (base units)`
    : `${formatCoins(a.amount, units.decimals)} ${units.symbol}`
}

/** Columns padded to their widest cell; the first `names` left-aligned, numbers right. */
function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  names = 2,
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0
        return i >= names ? c.padStart(w) : c.padEnd(w)
      })
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

/** The after-action report as text: addresses, alerts, time to detect, value frozen. */
export function renderScoreTable(r: ScoreReport): string {
  const out: string[] = []
  const scenario = r.scenario === null ? 'the scenario' : r.scenario
  out.push(
    `Score of ${r.participant} on ${scenario}${r.seed === null ? '' : ` (seed ${r.seed})`}`,
    `Findings: ${r.findings.flagged} flagged, ${count(r.findings.alerts, 'alert')}, ${count(r.findings.holds, 'hold')}`,
    '',
    'Addresses named (flag, alert or hold)',
    ...table(
      ['chain', 'named', 'true', 'false', 'precision', 'thief', 'recall', 'endpoints', 'recall'],
      [...r.addresses.byChain, r.addresses.all].map((a) => [
        a.chain,
        `${a.named}`,
        `${a.truePositives}`,
        `${a.falsePositives}`,
        percent(a.precision),
        `${a.thief.found}/${a.thief.total}`,
        percent(a.thief.recall),
        `${a.endpoints.found}/${a.endpoints.total}`,
        percent(a.endpoints.recall),
      ]),
      1,
    ),
  )
  const fps = r.addresses.falsePositives
  const service = fps.filter((f) => f.organisation !== null)
  out.push(
    `False positives: ${fps.length} (${count(service.length, 'service address', 'service addresses')}, ${fps.length - service.length} others)`,
    ...service
      .slice(0, 10)
      .map((f) => `  service address ${f.address} (${f.chain}): ${f.organisation}, ${f.kind}`),
    ...(service.length > 10 ? [`  … ${service.length - 10} more service addresses`] : []),
    `Alerts: ${r.alerts.total}, ${r.alerts.onTruth} on the truth, ${r.alerts.false} false (precision ${percent(r.alerts.precision)})`,
    '',
    'Time to detect (from each laundering step to the first finding naming it)',
    ...table(
      ['chain', 'technique', 'steps', 'detected', 'undetected', 'median', 'p90'],
      [...r.detection.byTechnique, r.detection.overall].map((d: DetectionRow) => [
        d.chain,
        d.technique,
        `${d.steps}`,
        `${d.detected}`,
        `${d.undetected}`,
        formatDelay(d.medianDelay),
        formatDelay(d.p90Delay),
      ]),
    ),
    `Theft at ${isoTime(r.detection.theftTime)}; first detection ${
      r.detection.firstDetectionTime === null
        ? 'never'
        : `at ${isoTime(r.detection.firstDetectionTime)}, ${formatDelay(r.detection.firstDetectionDelay)} after`
    }`,
    '',
    'Value at endpoints',
    ...table(
      ['chain', 'asset', 'endpoints', 'held', 'reached', 'frozen', 'escaped', 'frozen share'],
      r.value.byAsset.map((v: ValueRow) => {
        const c = (amount: bigint) =>
          v.decimals === null ? `${amount}` : `${formatCoins(amount, v.decimals)} ${v.symbol}`
        return [
          v.chain,
          v.symbol ?? v.asset,
          `${v.endpoints}`,
          `${v.endpointsHeld}`,
          c(v.endpointTotal),
          c(v.frozen),
          c(v.escaped),
          share(v.frozen, v.endpointTotal),
        ]
      }),
    ),
    ...r.value.byAsset.map(
      (v) =>
        `  ${v.chain} ${v.asset} in base units: reached ${v.endpointTotal}, frozen ${v.frozen}, escaped ${v.escaped}`,
    ),
    `Hold delay (value arriving → first hold, ${r.value.holdDelay.endpoints} endpoints): median ${formatDelay(r.value.holdDelay.median)}, p90 ${formatDelay(r.value.holdDelay.p90)}`,
  )
  const tallies = [
    ['Endpoints held beyond what reached them (excess not counted)', r.value.overHeld],
    ['Holds on thief addresses that are not endpoints (not counted)', r.value.offEndpoints],
    ['Wrongful holds (addresses not involved)', r.value.wrongful],
  ] as const
  for (const [label, t] of tallies)
    if (t.count > 0) out.push(`${label}: ${t.count}, ${t.amounts.map(coins).join(', ')}`)
  return out.join('\n')
}

/** The report as plain JSON: amounts as base-unit strings, with coin strings beside them. */
export function scoreToJson(r: ScoreReport): unknown {
  const amount = (a: AssetAmount) => {
    const units = unitsOf(a.chain, a.asset)
    return {
      chain: a.chain,
      asset: a.asset,
      amount: a.amount.toString(),
      coins: units === null ? null : formatCoins(a.amount, units.decimals),
    }
  }
  const tally = (t: ScoreReport['value']['overHeld']) => ({
    count: t.count,
    amounts: t.amounts.map(amount),
  })
  const coinsOf = (v: ValueRow, a: bigint) =>
    v.decimals === null ? null : formatCoins(a, v.decimals)
  return {
    ...r,
    value: {
      byAsset: r.value.byAsset.map((v) => ({
        ...v,
        endpointTotal: v.endpointTotal.toString(),
        frozen: v.frozen.toString(),
        escaped: v.escaped.toString(),
        coins: {
          endpointTotal: coinsOf(v, v.endpointTotal),
          frozen: coinsOf(v, v.frozen),
          escaped: coinsOf(v, v.escaped),
        },
      })),
      holdDelay: r.value.holdDelay,
      overHeld: tally(r.value.overHeld),
      offEndpoints: tally(r.value.offEndpoints),
      wrongful: tally(r.value.wrongful),
    },
  }
}
