import type { Rng } from './createRng.js'
import type { SimWorld } from './createSimWorld.js'
import type { PlannedDeposit } from './planBybitEthereum.js'
import type { SimBtcInput, SimBtcTx, TruthEndpoint } from './SimTypes.js'
import { simAddress } from './simAddress.js'

/** Satoshis per ETH at the scenario's rate (0.0275 BTC). */
const SATS_PER_ETH = 2_750_000n
const BRIDGE_FEE = 20_000n
const TX_FEE = 2_000n

export type BitcoinPlan = {
  readonly txs: readonly SimBtcTx[]
  readonly endpoints: readonly TruthEndpoint[]
  readonly thiefAddresses: readonly string[]
}

/**
 * The Bitcoin half of bybit-2025: the bridge vault pays each deposit out to its memo address
 * (with an `OUT:<deposit hash>` OP_RETURN), each payout is split into similar-sized UTXOs, and
 * each UTXO walks a peel chain whose peels land at exchange deposit addresses; the remainder
 * goes to an OTC desk. Sorted by time.
 */
export function planBybitBitcoin(
  world: SimWorld,
  rng: Rng,
  deposits: readonly PlannedDeposit[],
): BitcoinPlan {
  const txs: SimBtcTx[] = []
  const endpoints: TruthEndpoint[] = []
  const thief: string[] = []
  const hash = () => rng.hex(32)
  const vault = world.bridge.btcVault
  const payouts = deposits.map((d) => (d.amount * SATS_PER_ETH) / 10n ** 18n - BRIDGE_FEE)
  // The vault's reserve comes from before the window: an outpoint the export does not hold.
  let vaultCoin: SimBtcInput = {
    txHash: hash(),
    index: 0,
    address: vault,
    value: payouts.reduce((a, b) => a + b, 0n) + 100_000_000n * 1000n,
  }
  let lastPayout = 0
  deposits.forEach((deposit, i) => {
    const payout = payouts[i] ?? 0n
    const time = Math.max(lastPayout + 1, deposit.time + 600 + rng.int(3000))
    lastPayout = time
    const tx: SimBtcTx = {
      time,
      hash: hash(),
      inputs: [vaultCoin],
      outputs: [
        { address: deposit.btcAddress, value: payout },
        { address: vault, value: vaultCoin.value - payout - TX_FEE },
        { address: null, value: 0n, opReturn: `OUT:${deposit.hash.slice(2).toUpperCase()}` },
      ],
      technique: 'bridge-payout',
      launderedOutputs: [0],
    }
    txs.push(tx)
    vaultCoin = {
      txHash: tx.hash,
      index: 1,
      address: vault,
      value: vaultCoin.value - payout - TX_FEE,
    }
    thief.push(deposit.btcAddress)
    launder(time, { txHash: tx.hash, index: 0, address: deposit.btcAddress, value: payout })
  })

  function launder(payoutTime: number, coin: SimBtcInput): void {
    // Fan-out into 4–8 UTXOs of about the same size.
    const count = 4 + rng.int(5)
    const each = (coin.value - TX_FEE) / BigInt(count)
    const outputs = Array.from({ length: count }, (_, i) => ({
      address: simAddress(rng, 'bitcoin'),
      value: i === count - 1 ? coin.value - TX_FEE - each * BigInt(count - 1) : each,
    }))
    const fan: SimBtcTx = {
      time: payoutTime + 3600 + rng.int(5 * 3600),
      hash: hash(),
      inputs: [coin],
      outputs,
      technique: 'utxo-fan-out',
    }
    txs.push(fan)
    outputs.forEach((output, index) => {
      if (output.address === null) return
      thief.push(output.address)
      peel(fan.time, { txHash: fan.hash, index, address: output.address, value: output.value })
    })
  }

  function peel(startTime: number, start: SimBtcInput): void {
    let coin = start
    let time = startTime
    const length = 3 + rng.int(5)
    for (let step = 0; step < length; step++) {
      time += 7200 + rng.int(10 * 3600)
      const exchange = world.exchanges[rng.int(world.exchanges.length)] ?? world.exchanges[0]
      if (exchange === undefined) throw new Error('no exchange')
      const deposit = simAddress(rng, 'bitcoin')
      const share = (coin.value * BigInt(5 + rng.int(11))) / 100n
      const change = simAddress(rng, 'bitcoin')
      const tx: SimBtcTx = {
        time,
        hash: hash(),
        inputs: [coin],
        outputs: [
          { address: deposit, value: share },
          { address: change, value: coin.value - share - TX_FEE },
        ],
        technique: 'peel',
      }
      txs.push(tx)
      endpoints.push(endpoint(deposit, share, exchange.name, 'exchange'))
      thief.push(change)
      coin = { txHash: tx.hash, index: 1, address: change, value: coin.value - share - TX_FEE }
    }
    const otc = world.otcDesk.btcAddress
    txs.push({
      time: time + 3600 + rng.int(24 * 3600),
      hash: hash(),
      inputs: [coin],
      outputs: [{ address: otc, value: coin.value - TX_FEE }],
      technique: 'otc-deposit',
    })
    endpoints.push(endpoint(otc, coin.value - TX_FEE, world.otcDesk.name, 'otc'))
  }

  txs.sort((a, b) => a.time - b.time)
  return { txs, endpoints: mergeEndpoints(endpoints), thiefAddresses: thief }
}

function endpoint(
  address: string,
  amount: bigint,
  organisation: string,
  kind: 'exchange' | 'otc',
): TruthEndpoint {
  return {
    chain: 'bitcoin',
    address,
    asset: 'native',
    amount: amount.toString(),
    organisation,
    kind,
  }
}

/** One endpoint per address (the OTC desk's single address receives many times). */
function mergeEndpoints(endpoints: readonly TruthEndpoint[]): TruthEndpoint[] {
  const byAddress = new Map<string, TruthEndpoint>()
  for (const e of endpoints) {
    const seen = byAddress.get(e.address)
    byAddress.set(
      e.address,
      seen === undefined
        ? e
        : { ...seen, amount: (BigInt(seen.amount) + BigInt(e.amount)).toString() },
    )
  }
  return [...byAddress.values()]
}
