import { buildBridgeDepositTx } from './buildBridgeDepositTx.js'
import { buildSwapTx } from './buildSwapTx.js'
import { buildNativeTx, buildTokenTransferTx } from './buildTransferTx.js'
import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import type { SimEthTx, Technique } from './SimTypes.js'
import { simAddress } from './simAddress.js'
import { splitAmount } from './splitAmount.js'

const ETH = 10n ** 18n
const STOLEN_ETH = 401_346n * ETH
/** Left at each thief address for gas, so a forward never spends more than it holds. */
const GAS_RESERVE = ETH / 100n

export type PlannedDeposit = {
  readonly hash: string
  readonly time: number
  readonly amount: bigint
  readonly btcAddress: string
}

export type EthereumPlan = {
  readonly txs: readonly SimEthTx[]
  readonly deposits: readonly PlannedDeposit[]
  readonly thiefAddresses: readonly string[]
}

/**
 * The Ethereum half of bybit-2025: theft of ETH and three ERC-20s from the cold wallet,
 * consolidation, fan-out to tens of addresses, token → ETH swaps on the DEX, fan-out to hundreds,
 * then THORChain-style deposits to Bitcoin over ten days. Sorted by time.
 */
export function planBybitEthereum(world: SimWorld, rng: Rng, start: number): EthereumPlan {
  const txs: SimEthTx[] = []
  const hash = () => `0x${rng.hex(32)}`
  const fresh = () => simAddress(rng, 'ethereum')
  const send = (time: number, from: string, to: string, value: bigint, technique: Technique) =>
    txs.push(buildNativeTx({ time, hash: hash(), from, to, value, technique }))
  const sendToken = (
    time: number,
    token: string,
    from: string,
    to: string,
    value: bigint,
    technique: Technique,
  ) => txs.push(buildTokenTransferTx({ time, hash: hash(), from, token, to, value, technique }))

  const exploiter = fresh()
  const consolidation = fresh()
  const stolenEth = STOLEN_ETH + BigInt(rng.int(1_000_000)) * 10n ** 12n
  const cold = world.victim.coldWallet
  let t = start
  send(t, cold, exploiter, stolenEth, 'theft')
  for (const token of world.tokens) {
    t += 24
    sendToken(t, token.address, cold, exploiter, token.stolen * ETH, 'theft')
  }
  t += 1800
  send(t, exploiter, consolidation, stolenEth - GAS_RESERVE, 'consolidation')
  for (const token of world.tokens) {
    t += 36
    sendToken(t, token.address, exploiter, consolidation, token.stolen * ETH, 'consolidation')
  }

  // Fan-out to tens: every first-layer address takes a share of the ETH and of one token.
  const firstCount = 36 + rng.int(12)
  const first = Array.from({ length: firstCount }, fresh)
  const ethShares = splitAmount(rng, stolenEth - 2n * GAS_RESERVE, firstCount)
  const held = new Map<string, bigint>()
  t += 3600
  first.forEach((address, i) => {
    t += 60 + rng.int(240)
    send(t, consolidation, address, ethShares[i] ?? 0n, 'fan-out')
    held.set(address, ethShares[i] ?? 0n)
  })
  world.tokens.forEach((token, k) => {
    const holders = first.filter((_, i) => i % world.tokens.length === k)
    const shares = splitAmount(rng, token.stolen * ETH, holders.length)
    holders.forEach((address, i) => {
      t += 60 + rng.int(240)
      sendToken(t, token.address, consolidation, address, shares[i] ?? 0n, 'fan-out')
      // Swap it all for ETH a few blocks later.
      const amountIn = shares[i] ?? 0n
      const amountOut = (amountIn * token.ethPpm * 997n) / 1_000_000n / 1000n
      txs.push(
        buildSwapTx({
          time: t + 120 + rng.int(600),
          hash: hash(),
          trader: address,
          router: world.dexRouter,
          pool: token.pool,
          token: token.address,
          weth: world.weth,
          amountIn,
          amountOut,
          technique: 'swap',
        }),
      )
      held.set(address, (held.get(address) ?? 0n) + amountOut)
    })
  })

  // Fan-out to hundreds, then one bridge deposit from each, spread over ten days.
  const deposits: PlannedDeposit[] = []
  const second: string[] = []
  t += 7200
  for (const address of first) {
    const count = 6 + rng.int(6)
    const shares = splitAmount(rng, (held.get(address) ?? 0n) - GAS_RESERVE, count)
    for (const share of shares) {
      t += 12 + rng.int(60)
      const next = fresh()
      second.push(next)
      send(t, address, next, share, 'fan-out')
      const amount = share - GAS_RESERVE
      const time = t + 3600 + rng.int(10 * 86_400)
      const btcAddress = simAddress(rng, 'bitcoin')
      const deposit = buildBridgeDepositTx({
        time,
        hash: hash(),
        depositor: next,
        router: world.bridge.router,
        vault: world.bridge.vault,
        amount,
        memo: `=:BTC.BTC:${btcAddress}`,
      })
      txs.push(deposit)
      deposits.push({ hash: deposit.hash, time, amount, btcAddress })
    }
  }
  txs.sort((a, b) => a.time - b.time)
  deposits.sort((a, b) => a.time - b.time)
  return { txs, deposits, thiefAddresses: [exploiter, consolidation, ...first, ...second] }
}
