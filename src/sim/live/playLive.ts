import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { ChainwatchError } from '../../errors/index.js'
import { type ScenarioParameters, setupScenario } from '../setupScenario.js'
import { simulateEthereum } from '../simulateEthereum.js'
import { blockSchema, latestBlock, receiptsSchema, requireAnvil } from './liveNode.js'
import { createLiveRpc, hexData, hexQuantity, type LiveRpc } from './liveRpc.js'
import { createLiveState, type PreparedBlock, prepareLiveBlock } from './prepareLiveBlock.js'

export type PlayLiveParameters = ScenarioParameters & {
  readonly rpcUrl: string
  /** Simulated seconds per real second; 0 plays as fast as the node takes it. */
  readonly speed: number
  /** Stop after this many played (non-empty) simulated blocks; all when absent. */
  readonly maxBlocks?: number
  /** Directory for live.json (created); none when absent. */
  readonly out?: string
  readonly onProgress?: (progress: LiveProgress) => void
  readonly sleep?: (ms: number) => Promise<void>
}

export type LiveProgress = {
  readonly simBlock: number
  readonly lastSimBlock: number
  readonly liveBlock: number
  readonly blocks: number
  readonly txs: number
  readonly seconds: number
}

/** What a run played, and how simulated hashes and blocks map to the node's. */
export type LiveRecord = {
  readonly scenario: string
  readonly seed: number
  readonly scale: number
  readonly benignShare: number
  readonly chainId: number
  /** Added to every simulated time (0 unless the node's clock was already past the start). */
  readonly timeOffset: number
  readonly blocks: number
  readonly txs: number
  readonly seconds: number
  /** The last simulated block played (null when none had transactions). */
  readonly lastSimBlock: number | null
  /** Simulated block number → live block number (only blocks with transactions are played). */
  readonly blockMap: Readonly<Record<string, number>>
  /** Simulated transaction hash → live transaction hash. */
  readonly txMap: Readonly<Record<string, string>>
}

const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

/**
 * Plays a scenario's Ethereum blocks onto an anvil node: installs the sim contracts at the
 * world's addresses, funds senders invisibly, sends each simulated block's transactions from
 * the scenario's own addresses (auto-impersonation) and mines them as one block at the
 * simulated time (shifted when the node's clock is already past it). Empty simulated blocks are
 * skipped. Automine is restored at the end.
 *
 * @throws ChainwatchError `rpc.failed` when the node lacks anvil's methods or a transaction
 *   fails (naming the simulated hash and call kind); `input.invalid` for bad parameters.
 */
export async function playLive(p: PlayLiveParameters): Promise<LiveRecord> {
  if (!(p.speed >= 0) || !Number.isFinite(p.speed)) {
    throw new ChainwatchError('input.invalid', '--speed must be "max" or a positive number.')
  }
  const maxBlocks = p.maxBlocks ?? Infinity
  if (!(maxBlocks >= 1) || (maxBlocks !== Infinity && !Number.isSafeInteger(maxBlocks))) {
    throw new ChainwatchError('input.invalid', '--max-blocks must be a positive integer.')
  }
  const setup = setupScenario(p)
  const rpc = createLiveRpc(p.rpcUrl)
  const sleep = p.sleep ?? realSleep
  const chainId = Number(await rpc.call('eth_chainId', [], hexQuantity))
  await requireAnvil(rpc)
  const automine = await rpc.call('anvil_getAutomine', [], z.boolean())
  const start = await latestBlock(rpc)
  const firstTime = setup.ethereum.startTime
  const timeOffset =
    Number(start.timestamp) >= firstTime ? Number(start.timestamp) + 1 - firstTime : 0
  let gasLimit = start.gasLimit
  await rpc.call('evm_setAutomine', [false], z.unknown())
  await rpc.call('anvil_autoImpersonateAccount', [true], z.unknown())
  const restore = () =>
    rpc.batch([
      { method: 'anvil_autoImpersonateAccount', params: [false] },
      { method: 'evm_setAutomine', params: [automine] },
    ])
  const state = createLiveState()
  const blockMap: Record<string, number> = {}
  const txMap: Record<string, string> = {}
  const started = performance.now()
  let firstPlayed: number | null = null
  let blocks = 0
  let txs = 0
  let lastPlayed: number | null = null
  const lastSimBlock = setup.ethereum.firstBlock + setup.ethereum.blocks - 1
  try {
    for (const block of simulateEthereum(setup)) {
      if (block.txs.length === 0) continue
      if (blocks >= maxBlocks) break
      firstPlayed ??= block.time
      if (p.speed > 0) {
        const due = ((block.time - firstPlayed) * 1000) / p.speed
        const wait = due - (performance.now() - started)
        if (wait > 0) await sleep(wait)
      }
      const prepared = prepareLiveBlock(state, block.txs)
      await runSetup(rpc, prepared, state)
      const needed = prepared.txs.reduce((sum, t) => sum + t.live.gas, 0n)
      if (needed > gasLimit) {
        gasLimit = needed * 2n
        await rpc.call('evm_setBlockGasLimit', [`0x${gasLimit.toString(16)}`], z.unknown())
      }
      const hashes = await sendBlock(rpc, prepared, state)
      const live = await mineBlock(rpc, prepared, hashes, block.time + timeOffset)
      blockMap[String(block.number)] = live
      prepared.txs.forEach((t, i) => {
        txMap[t.sim.hash] = hashes[i] ?? ''
      })
      blocks++
      lastPlayed = block.number
      txs += prepared.txs.length
      p.onProgress?.({
        simBlock: block.number,
        lastSimBlock,
        liveBlock: live,
        blocks,
        txs,
        seconds: (performance.now() - started) / 1000,
      })
    }
  } catch (error) {
    // Best effort: the run's own error is the one to report.
    await restore().catch(() => undefined)
    throw error
  }
  await restore()
  const { scenario, seed, scale, benignShare } = setup.parameters
  const record: LiveRecord = {
    scenario,
    seed,
    scale,
    benignShare,
    chainId,
    timeOffset,
    blocks,
    txs,
    seconds: (performance.now() - started) / 1000,
    lastSimBlock: lastPlayed,
    blockMap,
    txMap,
  }
  if (p.out !== undefined) writeLiveRecord(p.out, record)
  return record
}

async function runSetup(
  rpc: LiveRpc,
  prepared: PreparedBlock,
  state: ReturnType<typeof createLiveState>,
) {
  const calls = [
    ...prepared.setup,
    ...prepared.newSenders.map((a) => ({
      method: 'eth_getTransactionCount',
      params: [a, 'pending'],
    })),
  ]
  const answers = await rpc.batch(calls)
  answers.forEach((answer, i) => {
    const call = calls[i]
    if (!answer.ok) {
      throw new ChainwatchError('rpc.failed', `${call?.method} failed: ${answer.message}`, {
        meta: { method: call?.method },
      })
    }
    if (i >= prepared.setup.length) {
      const sender = prepared.newSenders[i - prepared.setup.length]
      const nonce = hexQuantity.safeParse(answer.result)
      if (sender === undefined || !nonce.success) {
        throw new ChainwatchError('rpc.malformed', 'eth_getTransactionCount answered badly.')
      }
      state.nonces.set(sender, nonce.data)
    }
  })
}

async function sendBlock(
  rpc: LiveRpc,
  prepared: PreparedBlock,
  state: ReturnType<typeof createLiveState>,
): Promise<string[]> {
  const hex = (n: bigint) => `0x${n.toString(16)}`
  const calls = prepared.txs.map(({ sim, live }) => {
    const nonce = state.nonces.get(sim.from) ?? 0n
    state.nonces.set(sim.from, nonce + 1n)
    return {
      method: 'eth_sendTransaction',
      params: [
        {
          from: sim.from,
          to: live.to,
          value: hex(live.value),
          data: live.data,
          gas: hex(live.gas),
          nonce: hex(nonce),
        },
      ],
    }
  })
  const answers = await rpc.batch(calls)
  return answers.map((answer, i) => {
    const sim = prepared.txs[i]?.sim
    const hash = answer.ok ? hexData.safeParse(answer.result) : null
    if (hash?.success !== true || hash.data.length !== 66) {
      throw txFailed(sim?.hash, sim?.call.kind, answer.ok ? 'no transaction hash' : answer.message)
    }
    return hash.data.toLowerCase()
  })
}

/** Mines the sent transactions as one block at `time`; its number, once all succeeded. */
async function mineBlock(
  rpc: LiveRpc,
  prepared: PreparedBlock,
  hashes: readonly string[],
  time: number,
): Promise<number> {
  await rpc.call('evm_mine', [time], z.unknown())
  const [blockAnswer, receiptsAnswer] = await rpc.batch([
    { method: 'eth_getBlockByNumber', params: ['latest', false] },
    { method: 'eth_getBlockReceipts', params: ['latest'] },
  ])
  const block = blockSchema.safeParse(blockAnswer?.ok ? blockAnswer.result : null)
  const receipts = receiptsSchema.safeParse(receiptsAnswer?.ok ? receiptsAnswer.result : null)
  if (!block.success || !receipts.success) {
    throw new ChainwatchError('rpc.malformed', 'The node answered the mined block badly.')
  }
  const mined = new Set(block.data.transactions.map((h) => h.toLowerCase()))
  const missing = hashes.findIndex((h) => !mined.has(h))
  if (missing >= 0 || mined.size !== hashes.length || Number(block.data.timestamp) !== time) {
    const sim = prepared.txs[Math.max(0, missing)]?.sim
    throw new ChainwatchError(
      'rpc.failed',
      `Block ${block.data.number} at ${block.data.timestamp} holds ${mined.size} transactions; expected the ${hashes.length} sent at ${time}${missing >= 0 ? ` (simulated tx ${sim?.hash} missing)` : ''}. Is something else sending to this node?`,
    )
  }
  const byHash = new Map(hashes.map((h, i) => [h, prepared.txs[i]?.sim]))
  for (const receipt of receipts.data) {
    if (receipt.status === 0n) {
      const sim = byHash.get(receipt.transactionHash.toLowerCase())
      throw txFailed(sim?.hash, sim?.call.kind, `reverted (live tx ${receipt.transactionHash})`)
    }
  }
  return Number(block.data.number)
}

function txFailed(hash: string | undefined, kind: string | undefined, why: string) {
  return new ChainwatchError(
    'rpc.failed',
    `Simulated tx ${hash ?? '?'} (${kind ?? '?'}) failed on the node: ${why}`,
    { meta: { simulatedTx: hash ?? '?', call: kind ?? '?' } },
  )
}

function writeLiveRecord(out: string, record: LiveRecord): void {
  try {
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'live.json'), `${JSON.stringify(record, null, 1)}\n`)
  } catch (cause) {
    throw new ChainwatchError('output.unwritable', `Cannot write ${join(out, 'live.json')}.`, {
      cause,
    })
  }
}
