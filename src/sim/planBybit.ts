import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import { planBybitBitcoin } from './planBybitBitcoin.js'
import { planBybitEthereum } from './planBybitEthereum.js'
import type { ScenarioPlan } from './scenarios.js'

/** bybit-2025: the Ethereum theft and laundering, then the Bitcoin side of the bridge. */
export function planBybit(world: SimWorld, rng: Rng, start: number): ScenarioPlan {
  const ethereum = planBybitEthereum(world, rng.fork('plan-ethereum'), start)
  const bitcoin = planBybitBitcoin(world, rng.fork('plan-bitcoin'), ethereum.deposits)
  return {
    ethereum: ethereum.txs,
    bitcoin: bitcoin.txs,
    thiefAddresses: { ethereum: ethereum.thiefAddresses, bitcoin: bitcoin.thiefAddresses },
    endpoints: bitcoin.endpoints,
    organisations: [],
    truth: {
      bridgeDeposits: ethereum.deposits.map((d) => ({ ...d, amount: d.amount.toString() })),
    },
  }
}
