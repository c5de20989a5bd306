import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import type { SimBtcInput, SimBtcTx } from './SimTypes.js'
import { simAddress } from './simAddress.js'

const USERS = 20_000
const POOL = 50_000
const SATS = 100_000n

/** Draws one benign Bitcoin transaction at a time; `spendable` feeds its outputs back in. */
export type BitcoinBackground = {
  next(time: number): { readonly tx: SimBtcTx; readonly transfers: number }
  /** Offers a confirmed output for later benign spends (bounded pool; extra ones stay unspent). */
  spendable(coin: SimBtcInput): void
}

/** The benign Bitcoin users: drawn once per scenario, shared by every chunk of blocks. */
export function drawBitcoinUsers(rng: Rng): string[] {
  return Array.from({ length: USERS }, () => simAddress(rng, 'bitcoin'))
}

/**
 * Benign Bitcoin traffic: payments with change between users (heavy-tailed amounts), and
 * exchanges sweeping many deposits into their hot wallet. Spends come from a bounded pool of
 * outputs the simulation created, or from outpoints before the window (as in a partial export).
 */
export function createBitcoinBackground(
  world: SimWorld,
  users: readonly string[],
  rng: Rng,
): BitcoinBackground {
  const pool: SimBtcInput[] = []
  const user = () => users[rng.int(USERS)] ?? world.otcDesk.btcAddress
  const coin = (): SimBtcInput => {
    if (pool.length > 1000) {
      const i = rng.int(pool.length)
      const picked = pool[i]
      const last = pool.pop()
      if (picked !== undefined && last !== undefined) {
        if (i < pool.length) pool[i] = last
        return picked
      }
    }
    return {
      txHash: rng.hex(32),
      index: rng.int(4),
      address: user(),
      value: SATS * BigInt(Math.floor(10 * rng.pareto(1.1, 1e6))),
    }
  }
  return {
    spendable(c) {
      if (pool.length < POOL && c.value > 10_000n) pool.push(c)
    },
    next(time) {
      const drawnFee = BigInt(500 + rng.int(5000))
      // A fee never above a tenth of what is spent, so no output goes negative.
      const feeFor = (value: bigint) => (drawnFee * 10n > value ? value / 10n : drawnFee)
      if (rng.float() < 0.1) {
        const exchange = world.exchanges[rng.int(world.exchanges.length)]
        if (exchange === undefined) throw new Error('unreachable')
        const inputs = Array.from({ length: 2 + rng.int(8) }, coin)
        const total = inputs.reduce((sum, i) => sum + i.value, 0n)
        const fee = feeFor(total)
        return {
          tx: {
            time,
            hash: rng.hex(32),
            inputs,
            outputs: [{ address: exchange.btcHot, value: total - fee }],
          },
          transfers: 1,
        }
      }
      const spent = coin()
      const fee = feeFor(spent.value)
      const pay = ((spent.value - fee) * BigInt(10 + rng.int(80))) / 100n
      return {
        tx: {
          time,
          hash: rng.hex(32),
          inputs: [spent],
          outputs: [
            { address: user(), value: pay },
            { address: rng.float() < 0.5 ? spent.address : user(), value: spent.value - pay - fee },
          ],
        },
        transfers: 2,
      }
    },
  }
}
