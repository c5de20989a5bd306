import { buildNativeTx, buildTokenTransferTx } from './buildTransferTx.js'
import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import type { SimEthTx, Technique, TruthEndpoint } from './SimTypes.js'
import { simAddress } from './simAddress.js'

export const ETH = 10n ** 18n
/** Left at each thief address for gas, so a forward never spends more than it holds. */
export const GAS_RESERVE = ETH / 100n
/** A drainer's unlimited approval (`type(uint256).max`). */
export const MAX_UINT256 = 2n ** 256n - 1n

/**
 * The timestamp of the block a planned transaction lands in: blocks are 12 s apart from the
 * scenario's start, and a transaction at `time` goes in the block of [t, t + 12).
 */
export function blockTimeOf(start: number, time: number): number {
  return start + Math.floor((time - start) / 12) * 12
}

/** A planner's Ethereum transaction list with the builders it uses most. */
export function ethereumPlanKit(rng: Rng) {
  const txs: SimEthTx[] = []
  const hash = () => `0x${rng.hex(32)}`
  return {
    txs,
    hash,
    fresh: () => simAddress(rng, 'ethereum'),
    send(time: number, from: string, to: string, value: bigint, technique?: Technique) {
      txs.push(buildNativeTx({ time, hash: hash(), from, to, value, ...tag(technique) }))
    },
    sendToken(time: number, token: string, from: string, to: string, value: bigint, t?: Technique) {
      txs.push(buildTokenTransferTx({ time, hash: hash(), from, token, to, value, ...tag(t) }))
    },
  }
}

const tag = (technique: Technique | undefined) => (technique === undefined ? {} : { technique })

/**
 * Exchange deposit addresses that stolen ETH ends at: fresh addresses, each at one of the world's
 * exchanges, with what reached each summed for the truth's endpoints.
 */
export function exchangeDeposits(world: SimWorld, rng: Rng) {
  const received = new Map<string, { organisation: string; amount: bigint }>()
  return {
    /** A fresh deposit address at a random exchange. */
    open(): string {
      const exchange = world.exchanges[rng.int(world.exchanges.length)] ?? world.exchanges[0]
      if (exchange === undefined) throw new Error('no exchange')
      const address = simAddress(rng, 'ethereum')
      received.set(address, { organisation: exchange.name, amount: 0n })
      return address
    },
    credit(address: string, amount: bigint): void {
      const seen = received.get(address)
      if (seen === undefined) throw new Error(`not a deposit address: ${address}`)
      received.set(address, { ...seen, amount: seen.amount + amount })
    },
    endpoints(): TruthEndpoint[] {
      return [...received.entries()]
        .filter(([, r]) => r.amount > 0n)
        .map(([address, r]) => ({
          chain: 'ethereum',
          address,
          asset: 'native',
          amount: r.amount.toString(),
          organisation: r.organisation,
          kind: 'exchange',
        }))
    },
  }
}
