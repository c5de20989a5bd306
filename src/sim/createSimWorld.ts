import { chains } from '../chain/index.js'
import type { Rng } from './createRng.js'
import { simAddress } from './simAddress.js'

export type SimToken = {
  readonly symbol: string
  readonly address: string
  readonly decimals: 18
  /** ETH per token, in parts per million (stETH trades a little under 1, mETH a little over). */
  readonly ethPpm: bigint
  /** How much of it the thief takes, in whole tokens. */
  readonly stolen: bigint
  readonly pool: string
}

export type SimExchange = {
  readonly name: string
  readonly ethHot: string
  readonly ethCold: string
  readonly btcHot: string
}

/** The organisations and contracts every scenario shares, all at seed-derived addresses. */
export type SimWorld = {
  readonly victim: {
    readonly name: string
    readonly coldWallet: string
    readonly hotWallet: string
  }
  readonly tokens: readonly SimToken[]
  /** The real WETH9 address: infrastructure, not attribution, and the one wrap decoders know. */
  readonly weth: string
  readonly dexRouter: string
  readonly bridge: {
    readonly name: string
    readonly router: string
    readonly vault: string
    readonly btcVault: string
  }
  readonly exchanges: readonly SimExchange[]
  readonly otcDesk: { readonly name: string; readonly btcAddress: string }
}

/** Draws the shared cast (victim, tokens, DEX, bridge, exchanges, OTC desk). */
export function createSimWorld(rng: Rng): SimWorld {
  const eth = () => simAddress(rng, 'ethereum')
  const btc = () => simAddress(rng, 'bitcoin')
  const token = (symbol: string, ethPpm: bigint, stolen: bigint): SimToken => ({
    symbol,
    address: eth(),
    decimals: 18,
    ethPpm,
    stolen,
    pool: eth(),
  })
  return {
    victim: { name: 'Victim Exchange', coldWallet: eth(), hotWallet: eth() },
    tokens: [
      token('stETH', 999_000n, 90_375n),
      token('cmETH', 1_030_000n, 15_000n),
      token('mETH', 1_040_000n, 8_000n),
    ],
    weth: chains.ethereum.wrappedNative[0],
    dexRouter: eth(),
    bridge: { name: 'THORChain-style bridge', router: eth(), vault: eth(), btcVault: btc() },
    exchanges: ['Exchange A', 'Exchange B', 'Exchange C', 'Exchange D', 'Exchange E'].map(
      (name) => ({ name, ethHot: eth(), ethCold: eth(), btcHot: btc() }),
    ),
    otcDesk: { name: 'OTC Desk', btcAddress: btc() },
  }
}
