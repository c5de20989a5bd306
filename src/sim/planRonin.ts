import { buildMixerDepositTx, buildMixerWithdrawTx } from './buildMixerTx.js'
import { buildSwapTx } from './buildSwapTx.js'
import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import { blockTimeOf, ETH, ethereumPlanKit, exchangeDeposits, GAS_RESERVE } from './planKit.js'
import type { ScenarioPlan } from './scenarios.js'
import { splitAmount } from './splitAmount.js'

const HOUR = 3600
const DAY = 86_400
/** The mixer pool's fixed denomination (Tornado Cash's largest ETH pool). */
const DENOMINATION = 100n * ETH
const STOLEN_ETH = 173_600n * ETH
const STOLEN_USDC = 25_500_000n * 10n ** 6n
/** Wei per USDC base unit (10⁻⁶ USDC), with ETH at about US$3,000 as on 23 March 2022. */
const WEI_PER_USDC_UNIT = 333_333_333n
/** Other people's deposits into the same pool, per deposit of the thief's (the anonymity set). */
const BENIGN_PER_THIEF_NOTE = 0.4

/** One deposit into the mixer and, when it was withdrawn, the withdrawal that spent it. */
export type MixerNote = {
  readonly laundering: boolean
  readonly leafIndex: number
  readonly commitment: string
  readonly depositTx: string
  readonly depositor: string
  readonly depositTime: number
  readonly withdrawal: {
    readonly tx: string
    readonly time: number
    readonly nullifierHash: string
    readonly recipient: string
    readonly relayer: string
    readonly fee: bigint
  } | null
}

/**
 * ronin-2022: withdrawals forged with stolen validator keys take ETH and USDC out of a bridge; the
 * USDC is swapped for ETH on the DEX; the ETH is fanned out in batches of whole 100-ETH notes that
 * go into a fixed-denomination mixer one note at a time; relayers withdraw each note to a fresh
 * address hours to days later, taking a fee; the fresh addresses pay exchange deposit addresses.
 * Other people's deposits and withdrawals share the pool. Sorted by time.
 */
export function planRonin(world: SimWorld, root: Rng, start: number): ScenarioPlan {
  const rng = root.fork('plan-ronin')
  const { txs, hash, fresh, send, sendToken } = ethereumPlanKit(rng)
  const exchanges = exchangeDeposits(world, rng.fork('exchanges'))
  const bridge = fresh()
  const usdc = fresh()
  const usdcPool = fresh()
  const mixer = fresh()
  const relayers = Array.from({ length: 4 }, fresh)
  const exploiter = fresh()

  // The two forged withdrawals, about two minutes apart.
  send(start, bridge, exploiter, STOLEN_ETH, 'theft')
  sendToken(start + 115, usdc, bridge, exploiter, STOLEN_USDC, 'theft')

  // USDC → ETH over about five days through two addresses, the ETH sent back to the exploiter.
  let available = STOLEN_ETH - GAS_RESERVE
  let swapsDone = start
  const swappers = [fresh(), fresh()]
  const usdcShares = splitAmount(rng, STOLEN_USDC, swappers.length)
  swappers.forEach((swapper, i) => {
    let t = start + HOUR + i * 900 + rng.int(900)
    const share = usdcShares[i] ?? 0n
    sendToken(t, usdc, exploiter, swapper, share, 'fan-out')
    let proceeds = 0n
    for (const amountIn of splitAmount(rng, share, 4 + rng.int(3))) {
      t += 2 * HOUR + rng.int(20 * HOUR)
      const amountOut = (amountIn * WEI_PER_USDC_UNIT * 997n) / 1000n
      txs.push(
        buildSwapTx({
          time: t,
          hash: hash(),
          trader: swapper,
          router: world.dexRouter,
          pool: usdcPool,
          token: usdc,
          weth: world.weth,
          amountIn,
          amountOut,
          technique: 'swap',
        }),
      )
      proceeds += amountOut
    }
    t += HOUR + rng.int(6 * HOUR)
    send(t, swapper, exploiter, proceeds - GAS_RESERVE, 'consolidation')
    available += proceeds - GAS_RESERVE
    swapsDone = Math.max(swapsDone, t)
  })

  // Fan-out: batches of 10–40 whole notes (plus gas) to fresh addresses, hours apart.
  type Intent = { time: number; depositor: string; laundering: boolean }
  const intents: Intent[] = []
  let t = Math.max(swapsDone, start + 5 * DAY) + DAY
  const batchAddresses: string[] = []
  while (available >= DENOMINATION + GAS_RESERVE) {
    const affordable = (available - GAS_RESERVE) / DENOMINATION
    const wanted = BigInt(10 + rng.int(31))
    const count = wanted < affordable ? wanted : affordable
    t += 1800 + rng.int(4 * HOUR)
    const batch = fresh()
    batchAddresses.push(batch)
    send(t, exploiter, batch, count * DENOMINATION + GAS_RESERVE, 'fan-out')
    available -= count * DENOMINATION + GAS_RESERVE
    let d = t + 600 + rng.int(HOUR)
    for (let n = 0n; n < count; n++) {
      intents.push({ time: d, depositor: batch, laundering: true })
      d += 60 + rng.int(600)
    }
  }
  const thiefNotes = intents.length
  const mixFrom = (intents[0]?.time ?? t) - DAY
  const mixSpan = (intents.at(-1)?.time ?? t) + DAY - mixFrom
  for (let i = 0; i < Math.round(thiefNotes * BENIGN_PER_THIEF_NOTE); i++)
    intents.push({ time: mixFrom + rng.int(mixSpan), depositor: fresh(), laundering: false })
  // Leaf indices follow chain order: by time, ties in plan order (the sorts are stable).
  intents.sort((a, b) => a.time - b.time)

  const notes: MixerNote[] = []
  const recipients: string[] = []
  let depositAddress = exchanges.open()
  intents.forEach((intent, leafIndex) => {
    const commitment = `0x${rng.hex(32)}`
    const deposit = buildMixerDepositTx({
      time: intent.time,
      hash: hash(),
      depositor: intent.depositor,
      mixer,
      denomination: DENOMINATION,
      commitment,
      leafIndex,
      blockTime: blockTimeOf(start, intent.time),
      ...(intent.laundering ? { technique: 'mixer-deposit' as const } : {}),
    })
    txs.push(deposit)
    const note = {
      laundering: intent.laundering,
      leafIndex,
      commitment,
      depositTx: deposit.hash,
      depositor: intent.depositor,
      depositTime: intent.time,
    }
    // Everything the thief put in comes out; a fifth of the others' notes stay in the pool.
    if (!intent.laundering && rng.float() < 0.2) {
      notes.push({ ...note, withdrawal: null })
      return
    }
    const delay = intent.laundering ? 2 * HOUR + rng.int(5 * DAY) : HOUR + rng.int(10 * DAY)
    const withdrawal = {
      tx: hash(),
      time: intent.time + delay,
      nullifierHash: `0x${rng.hex(32)}`,
      recipient: fresh(),
      relayer: relayers[rng.int(relayers.length)] ?? mixer,
      fee: (DENOMINATION * BigInt(5 + rng.int(36))) / 10_000n,
    }
    txs.push(
      buildMixerWithdrawTx({
        ...withdrawal,
        hash: withdrawal.tx,
        mixer,
        denomination: DENOMINATION,
        ...(intent.laundering ? { technique: 'mixer-withdrawal' as const } : {}),
      }),
    )
    notes.push({ ...note, withdrawal })
    if (!intent.laundering) return
    // The fresh address pays an exchange deposit address (a few share one, as one account's).
    recipients.push(withdrawal.recipient)
    if (rng.float() < 0.4) depositAddress = exchanges.open()
    const amount = DENOMINATION - withdrawal.fee - GAS_RESERVE
    send(
      withdrawal.time + HOUR + rng.int(36 * HOUR),
      withdrawal.recipient,
      depositAddress,
      amount,
      'exchange-deposit',
    )
    exchanges.credit(depositAddress, amount)
  })

  txs.sort((a, b) => a.time - b.time)
  return {
    ethereum: txs,
    bitcoin: [],
    thiefAddresses: {
      ethereum: [exploiter, ...swappers, ...batchAddresses, ...recipients],
      bitcoin: [],
    },
    endpoints: exchanges.endpoints(),
    organisations: [
      { name: 'Victim Bridge', kind: 'victim', addresses: [bridge] },
      { name: 'DEX', kind: 'dex', addresses: [usdcPool] },
      { name: 'Mixer (100 ETH pool)', kind: 'mixer', addresses: [mixer, ...relayers] },
    ],
    truth: {
      scenarioTokens: [{ symbol: 'USDC', address: usdc, decimals: 6, pool: usdcPool }],
      mixer: { address: mixer, denomination: DENOMINATION.toString(), relayers },
      mixerNotes: notes.map((n) => ({
        ...n,
        withdrawal:
          n.withdrawal === null ? null : { ...n.withdrawal, fee: n.withdrawal.fee.toString() },
      })),
    },
  }
}
