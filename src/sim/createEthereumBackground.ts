import { buildSwapTx } from './buildSwapTx.js'
import { buildNativeTx, buildTokenTransferTx } from './buildTransferTx.js'
import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import type { SimEthTx } from './SimTypes.js'
import { simAddress } from './simAddress.js'

const USERS = 20_000
const DEPOSITS_PER_EXCHANGE = 2_000
const FINNEY = 10n ** 15n

/** Draws one benign Ethereum transaction at a time; returns it with its transfer count. */
export type EthereumBackground = (time: number) => {
  readonly tx: SimEthTx
  readonly transfers: number
}

/** The benign Ethereum population: drawn once per scenario, shared by every chunk of blocks. */
export type EthereumCast = {
  readonly users: readonly string[]
  readonly stable: string
  /** Deposit addresses per exchange, in `world.exchanges` order. */
  readonly deposits: readonly (readonly string[])[]
}

/** Draws the benign population (users, a stablecoin, exchange deposit addresses). */
export function drawEthereumCast(world: SimWorld, rng: Rng): EthereumCast {
  const users = Array.from({ length: USERS }, () => simAddress(rng, 'ethereum'))
  const stable = simAddress(rng, 'ethereum')
  const deposits = world.exchanges.map(() =>
    Array.from({ length: DEPOSITS_PER_EXCHANGE }, () => simAddress(rng, 'ethereum')),
  )
  return { users, stable, deposits }
}

/**
 * Benign Ethereum traffic: users paying each other ETH and tokens (heavy-tailed amounts), users
 * depositing at exchanges, exchanges sweeping deposit addresses to hot and hot to cold wallets,
 * and DEX traders swapping tokens for ETH through the same router and pools the thief uses.
 * Memory is bounded: a fixed cast of users and deposit addresses; draws come from `rng`.
 */
export function createEthereumBackground(
  world: SimWorld,
  cast: EthereumCast,
  rng: Rng,
): EthereumBackground {
  const { users, stable, deposits } = cast
  const user = () => users[rng.int(USERS)] ?? stable
  const hash = () => `0x${rng.hex(32)}`
  const ether = () => FINNEY * BigInt(Math.floor(10 * rng.pareto(1.16, 1e6)))
  const plain = (time: number, from: string, to: string, value: bigint): SimEthTx =>
    buildNativeTx({ time, hash: hash(), from, to, value })
  return (time) => {
    const roll = rng.float()
    if (roll < 0.55) return { tx: plain(time, user(), user(), ether()), transfers: 1 }
    if (roll < 0.75) {
      const token =
        rng.float() < 0.7 ? stable : (world.tokens[rng.int(world.tokens.length)]?.address ?? stable)
      const from = user()
      const value = 10n ** 6n * BigInt(Math.floor(10 * rng.pareto(1.1, 1e8)))
      return {
        tx: buildTokenTransferTx({ time, hash: hash(), from, token, to: user(), value }),
        transfers: 1,
      }
    }
    const e = rng.int(world.exchanges.length)
    const exchange = world.exchanges[e]
    const deposit = deposits[e]?.[rng.int(DEPOSITS_PER_EXCHANGE)]
    if (exchange === undefined || deposit === undefined) throw new Error('unreachable')
    if (roll < 0.85) return { tx: plain(time, user(), deposit, ether()), transfers: 1 }
    if (roll < 0.9) return { tx: plain(time, deposit, exchange.ethHot, ether()), transfers: 1 }
    if (roll < 0.92) {
      return { tx: plain(time, exchange.ethHot, exchange.ethCold, ether() * 20n), transfers: 1 }
    }
    if (roll < 0.95) return { tx: plain(time, exchange.ethHot, user(), ether()), transfers: 1 }
    const token = world.tokens[rng.int(world.tokens.length)]
    if (token === undefined) throw new Error('unreachable')
    const amountIn = ether()
    const tx = buildSwapTx({
      time,
      hash: hash(),
      trader: user(),
      router: world.dexRouter,
      pool: token.pool,
      token: token.address,
      weth: world.weth,
      amountIn,
      amountOut: (amountIn * token.ethPpm * 997n) / 1_000_000n / 1000n,
    })
    return { tx, transfers: 4 }
  }
}
