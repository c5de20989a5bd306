import { createEthereumBackground, drawEthereumCast } from './createEthereumBackground.js'
import { createRng } from './createRng.js'
import { type FillCursor, fillBlock } from './fillBlock.js'
import type { SimEthTx } from './SimTypes.js'
import { ETHEREUM_BLOCK_SECONDS, firstAtOrAfter, type ScenarioSetup } from './setupScenario.js'

/** One generated Ethereum block: laundering transactions first, then benign ones. */
export type SimEthBlock = {
  readonly number: number
  readonly time: number
  readonly hash: string
  readonly parentHash: string
  readonly txs: readonly SimEthTx[]
}

/**
 * Blocks are generated in fixed chunks, each from its own random stream and with its own
 * background state, so any split of chunks over worker threads gives the same bytes.
 */
export const ETHEREUM_CHUNK_BLOCKS = 2048

export function ethereumChunks(setup: ScenarioSetup): number {
  return Math.ceil(setup.ethereum.blocks / ETHEREUM_CHUNK_BLOCKS)
}

/** The block hash of `number`: a function of seed and number, so chunks agree on parents. */
export function ethereumBlockHash(setup: ScenarioSetup, number: number): string {
  const { seed, scenario } = setup.parameters
  return `0x${createRng(seed, `${scenario}/ethereum/block/${number}`).hex(32)}`
}

/** The blocks of chunks [from, to), in order. */
export function* simulateEthereum(
  setup: ScenarioSetup,
  from = 0,
  to = ethereumChunks(setup),
): Generator<SimEthBlock> {
  const extent = setup.ethereum
  const plan = setup.plan.ethereum
  const cast = drawEthereumCast(setup.world, setup.root.fork('ethereum-background'))
  const perBlock = extent.backgroundTransfers / extent.blocks
  for (let chunk = from; chunk < to; chunk++) {
    const rng = setup.root.fork(`ethereum/chunk/${chunk}`)
    const background = createEthereumBackground(setup.world, cast, rng)
    const first = chunk * ETHEREUM_CHUNK_BLOCKS
    const last = Math.min(extent.blocks, first + ETHEREUM_CHUNK_BLOCKS)
    // The first block also takes anything planned before the window opens.
    const cursor: FillCursor = {
      next:
        chunk === 0 ? 0 : firstAtOrAfter(plan, extent.startTime + first * ETHEREUM_BLOCK_SECONDS),
      owed: 0,
    }
    let parentHash = ethereumBlockHash(setup, extent.firstBlock + first - 1)
    for (let b = first; b < last; b++) {
      const number = extent.firstBlock + b
      const time = extent.startTime + b * ETHEREUM_BLOCK_SECONDS
      const txs = fillBlock(
        plan,
        cursor,
        { time, seconds: ETHEREUM_BLOCK_SECONDS, perBlock },
        background,
      )
      const hash = ethereumBlockHash(setup, number)
      yield { number, time, hash, parentHash, txs }
      parentHash = hash
    }
  }
}
