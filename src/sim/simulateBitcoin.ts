import {
  type BitcoinBackground,
  createBitcoinBackground,
  drawBitcoinUsers,
} from './createBitcoinBackground.js'
import type { Rng } from './createRng.js'
import { createRng } from './createRng.js'
import { type FillCursor, fillBlock } from './fillBlock.js'
import type { SimBtcTx } from './SimTypes.js'
import {
  BITCOIN_BLOCK_SECONDS,
  type ChainExtent,
  firstAtOrAfter,
  type ScenarioSetup,
} from './setupScenario.js'
import { simAddress } from './simAddress.js'

/** One generated Bitcoin block (without its coinbase, which the writer adds with the fees). */
export type SimBtcBlock = {
  readonly number: number
  readonly time: number
  readonly hash: string
  readonly txs: readonly SimBtcTx[]
  /** Draws for the block's own fields (coinbase hash, merkle root, nonce, miner). */
  readonly rng: Rng
  readonly miner: string
  /** Benign traffic of this chunk: its outputs are offered back for later spends. */
  readonly background: BitcoinBackground
}

/** Fixed chunks of blocks, each with its own random stream and spendable pool (see simulateEthereum). */
export const BITCOIN_CHUNK_BLOCKS = 32

export function bitcoinChunks(extent: ChainExtent): number {
  return Math.ceil(extent.blocks / BITCOIN_CHUNK_BLOCKS)
}

/** The block hash of `number`, a function of seed and number. */
export function bitcoinBlockHash(setup: ScenarioSetup, number: number): string {
  const { seed, scenario } = setup.parameters
  return `00000000000000000001${createRng(seed, `${scenario}/bitcoin/block/${number}`).hex(22)}`
}

/** The blocks of chunks [from, to), in order. */
export function* simulateBitcoin(
  setup: ScenarioSetup,
  extent: ChainExtent,
  from = 0,
  to = bitcoinChunks(extent),
): Generator<SimBtcBlock> {
  const plan = setup.plan.bitcoin
  const castRng = setup.root.fork('bitcoin-background')
  const users = drawBitcoinUsers(castRng)
  const miners = Array.from({ length: 8 }, () => simAddress(castRng, 'bitcoin'))
  const perBlock = extent.backgroundTransfers / extent.blocks
  for (let chunk = from; chunk < to; chunk++) {
    const rng = setup.root.fork(`bitcoin/chunk/${chunk}`)
    const background = createBitcoinBackground(setup.world, users, rng)
    const first = chunk * BITCOIN_CHUNK_BLOCKS
    const last = Math.min(extent.blocks, first + BITCOIN_CHUNK_BLOCKS)
    const cursor: FillCursor = {
      next:
        chunk === 0 ? 0 : firstAtOrAfter(plan, extent.startTime + first * BITCOIN_BLOCK_SECONDS),
      owed: 0,
    }
    for (let b = first; b < last; b++) {
      const number = extent.firstBlock + b
      const time = extent.startTime + b * BITCOIN_BLOCK_SECONDS
      const txs = fillBlock(plan, cursor, { time, seconds: BITCOIN_BLOCK_SECONDS, perBlock }, (t) =>
        background.next(t),
      )
      const miner = miners[rng.int(miners.length)] ?? ''
      yield { number, time, hash: bitcoinBlockHash(setup, number), txs, rng, miner, background }
    }
  }
}
