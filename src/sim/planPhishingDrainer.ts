import { buildApproveTx, buildDrainerClaimTx, buildDrainerSweepTx } from './buildDrainerTx.js'
import { buildSwapTx } from './buildSwapTx.js'
import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import { ethereumPlanKit, exchangeDeposits, GAS_RESERVE, MAX_UINT256 } from './planKit.js'
import type { ScenarioPlan } from './scenarios.js'
import { splitAmount } from './splitAmount.js'

const HOUR = 3600
const FINNEY = 10n ** 15n
/** Wei per USDC base unit (10⁻⁶ USDC), with ETH at about US$2,300 as in mid-December 2023. */
const WEI_PER_USDC_UNIT = 434_782_608n
/** The drainer developer's cut of every haul (drainer-as-a-service kits took 20–30 %). */
const DEVELOPER_PERCENT = 20n
/** Victims fall for the phishing sites over a day and a half. */
const CAMPAIGN = 36 * HOUR
/** The beneficiary swaps and pays out what it collected every six hours. */
const PERIOD = 6 * HOUR

type Loot = {
  readonly token: string
  readonly pool: string
  /** ETH out of the DEX for `amountIn` (0.3 % pool fee). */
  readonly quote: (amountIn: bigint) => bigint
  readonly draw: () => bigint
}

/**
 * phishing-drainer: hundreds of victims on phishing sites either approve a wallet drainer for an
 * ERC-20 (which its operator then sweeps to the beneficiary) or call its `claim()` with ETH
 * (forwarded to the beneficiary), or both. Every six hours the beneficiary swaps the tokens for
 * ETH and splits the haul: 20 % to the drainer developer, 80 % to the affiliate who ran the
 * sites. Both end at exchange deposit addresses. Sorted by time.
 */
export function planPhishingDrainer(world: SimWorld, root: Rng, start: number): ScenarioPlan {
  const rng = root.fork('plan-phishing-drainer')
  const { txs, hash, fresh, send } = ethereumPlanKit(rng)
  const exchanges = exchangeDeposits(world, rng.fork('exchanges'))
  const usdc = fresh()
  const usdcPool = fresh()
  const drainer = fresh()
  const operator = fresh()
  const beneficiary = fresh()
  const developer = fresh()
  const affiliate = fresh()
  const ether = () => FINNEY * BigInt(Math.floor(50 * rng.pareto(1.2, 2_000)))
  const loot: Loot[] = [
    {
      token: usdc,
      pool: usdcPool,
      quote: (amountIn) => (amountIn * WEI_PER_USDC_UNIT * 997n) / 1000n,
      draw: () => 10n ** 6n * BigInt(Math.floor(50 * rng.pareto(1.1, 4_000))),
    },
    ...world.tokens.map(
      (token): Loot => ({
        token: token.address,
        pool: token.pool,
        quote: (amountIn) => (amountIn * token.ethPpm * 997n) / 1_000_000n / 1000n,
        draw: ether,
      }),
    ),
  ]

  // The victims: each drained of one token (approve, then sweep), of ETH (claim), or both.
  const victims = Array.from({ length: 300 + rng.int(201) }, fresh)
  const sweeps: { time: number; loot: Loot; amount: bigint }[] = []
  const claims: { time: number; value: bigint }[] = []
  const approvals: { txHash: string; victim: string; token: string; time: number }[] = []
  for (const victim of victims) {
    const at = start + rng.int(CAMPAIGN)
    const roll = rng.float()
    if (roll >= 0.35) {
      const taken = rng.float() < 0.6 ? loot[0] : loot[1 + rng.int(loot.length - 1)]
      if (taken === undefined) throw new Error('no loot')
      const amount = taken.draw()
      const approve = buildApproveTx({
        time: at,
        hash: hash(),
        owner: victim,
        token: taken.token,
        spender: drainer,
        value: MAX_UINT256,
        technique: 'approval',
      })
      txs.push(approve)
      approvals.push({ txHash: approve.hash, victim, token: taken.token, time: at })
      const time = at + 12 + rng.int(168)
      txs.push(
        buildDrainerSweepTx({
          time,
          hash: hash(),
          operator,
          drainer,
          token: taken.token,
          victim,
          beneficiary,
          amount,
          technique: 'drain',
        }),
      )
      sweeps.push({ time, loot: taken, amount })
    }
    if (roll < 0.65) {
      const time = at + 24 + rng.int(576)
      const value = ether()
      txs.push(
        buildDrainerClaimTx({
          time,
          hash: hash(),
          victim,
          drainer,
          beneficiary,
          value,
          technique: 'drain',
        }),
      )
      claims.push({ time, value })
    }
  }

  // Every six hours: swap the period's tokens for ETH, then split the ETH 20/80.
  const last = Math.max(...sweeps.map((s) => s.time), ...claims.map((c) => c.time))
  let reserved = false
  let developerTotal = 0n
  let affiliateTotal = 0n
  let cut = start
  // Period p takes what arrived in [its start − 1 min, its cut − 1 min), so the swaps see it.
  for (let p = 1; start + (p - 1) * PERIOD - 60 <= last; p++) {
    const from = p === 1 ? start : start + (p - 1) * PERIOD - 60
    cut = start + p * PERIOD
    const inPeriod = (time: number) => time >= from && time < cut - 60
    let pot = claims.filter((c) => inPeriod(c.time)).reduce((sum, c) => sum + c.value, 0n)
    loot.forEach((taken, k) => {
      const amountIn = sweeps
        .filter((s) => s.loot === taken && inPeriod(s.time))
        .reduce((sum, s) => sum + s.amount, 0n)
      if (amountIn === 0n) return
      const amountOut = taken.quote(amountIn)
      txs.push(
        buildSwapTx({
          time: cut + 12 * k,
          hash: hash(),
          trader: beneficiary,
          router: world.dexRouter,
          pool: taken.pool,
          token: taken.token,
          weth: world.weth,
          amountIn,
          amountOut,
          technique: 'swap',
        }),
      )
      pot += amountOut
    })
    if (!reserved && pot > GAS_RESERVE) {
      pot -= GAS_RESERVE
      reserved = true
    }
    if (reserved && pot > 0n) {
      const cutForDeveloper = (pot * DEVELOPER_PERCENT) / 100n
      send(cut + 120, beneficiary, developer, cutForDeveloper, 'consolidation')
      send(cut + 132, beneficiary, affiliate, pot - cutForDeveloper, 'consolidation')
      developerTotal += cutForDeveloper
      affiliateTotal += pot - cutForDeveloper
    }
  }

  // Cashing out: the affiliate over 3–6 exchange deposits, the developer over 1–2.
  let t = cut + 2 * HOUR + rng.int(10 * HOUR)
  for (const [holder, total, parts] of [
    [affiliate, affiliateTotal, 3 + rng.int(4)],
    [developer, developerTotal, 1 + rng.int(2)],
  ] as const) {
    for (const amount of splitAmount(rng, total - GAS_RESERVE, parts)) {
      t += 300 + rng.int(1500)
      const deposit = exchanges.open()
      send(t, holder, deposit, amount, 'exchange-deposit')
      exchanges.credit(deposit, amount)
    }
  }

  txs.sort((a, b) => a.time - b.time)
  return {
    ethereum: txs,
    bitcoin: [],
    thiefAddresses: {
      ethereum: [drainer, operator, beneficiary, developer, affiliate],
      bitcoin: [],
    },
    endpoints: exchanges.endpoints(),
    organisations: [
      { name: 'Wallet drainer', kind: 'drainer', addresses: [drainer] },
      { name: 'Phishing victims', kind: 'victim', addresses: victims },
      { name: 'DEX', kind: 'dex', addresses: [usdcPool] },
    ],
    truth: {
      scenarioTokens: [{ symbol: 'USDC', address: usdc, decimals: 6, pool: usdcPool }],
      drainer: {
        contract: drainer,
        operator,
        beneficiary,
        developer,
        affiliate,
        developerPercent: Number(DEVELOPER_PERCENT),
      },
      approvals,
    },
  }
}
