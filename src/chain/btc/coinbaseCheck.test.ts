import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import {
  blockSubsidy,
  classifyOutputScript,
  coinbaseCheck,
  type DecodedBlock,
  decodeBlock,
  type Prevout,
  readBlockFileAsync,
} from './index.js'

const blockPath = (name: string) =>
  fileURLToPath(new URL(`../../../../shared/data/bitcoin-blocks/${name}`, import.meta.url))
const btc = (coins: number) => BigInt(coins) * 100_000_000n

async function readBlocks(name: string): Promise<DecodedBlock[]> {
  return [...(await readBlockFileAsync(blockPath(name)))].map((raw) => decodeBlock(raw.bytes))
}

/** Every output of `blocks`, by `txid:vout`: what an importer learns as it goes. */
function prevoutsOf(blocks: readonly DecodedBlock[]): Map<string, Prevout> {
  const prevouts = new Map<string, Prevout>()
  for (const tx of blocks.flatMap((block) => block.transactions)) {
    for (const [vout, output] of tx.outputs.entries()) {
      const { address } = classifyOutputScript(output.scriptPubKey, 'mainnet')
      prevouts.set(`${tx.txid}:${vout}`, { value: output.value, address })
    }
  }
  return prevouts
}

// Bitcoin Core's GetBlockSubsidy (validation.cpp): 50 BTC >> (height / 210,000), 0 from 64 halvings.
test.each([
  { height: 0, subsidy: btc(50) },
  { height: 209_999, subsidy: btc(50) },
  { height: 210_000, subsidy: btc(25) },
  { height: 540_107, subsidy: 1_250_000_000n },
  { height: 630_000, subsidy: 625_000_000n },
  { height: 32 * 210_000, subsidy: 1n },
  { height: 33 * 210_000, subsidy: 0n },
  { height: 64 * 210_000, subsidy: 0n },
])('default: subsidy at $height', ({ height, subsidy }) => {
  expect(blockSubsidy(height)).toBe(subsidy)
})

describe('mainnet blocks 0..255', async () => {
  const [genesis] = await readBlocks('btcd_blk_0_to_4.dat.bz2')
  const chain = [genesis as DecodedBlock, ...(await readBlocks('btcd_blocks1-256.bz2'))]

  test('default: every coinbase is within subsidy + fees, with all fees resolved', () => {
    // Outputs of the blocks before the one checked: only those can be spent by it.
    const prevouts = new Map<string, Prevout>()
    for (const [height, block] of chain.entries()) {
      const result = coinbaseCheck({
        block,
        height,
        resolvePrevout: ({ txid, vout }) => prevouts.get(`${txid}:${vout}`),
      })
      for (const [key, prevout] of prevoutsOf([block])) prevouts.set(key, prevout)
      expect(result).toMatchObject({ subsidy: btc(50), ok: true, unresolvedInputs: 0 })
      expect(result.fees).not.toBeNull()
      expect(result.coinbaseValue).toBeLessThanOrEqual(result.subsidy + (result.fees ?? 0n))
    }
  })

  test('default: block 170 spends block 9 coinbase (the first bitcoin payment)', () => {
    const block170 = chain[170] as DecodedBlock
    const block9 = chain[9] as DecodedBlock
    const payment = block170.transactions.find(
      (tx) => tx.txid === 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16',
    )
    expect(payment?.outputs.map((output) => output.value)).toEqual([btc(10), btc(40)])
    expect(payment?.inputs.map((input) => [input.prevTxid, input.vout])).toEqual([
      [block9.transactions[0]?.txid, 0],
    ])
    const prevouts = prevoutsOf([block9])
    const resolvePrevout = ({ txid, vout }: { txid: string; vout: number }) =>
      prevouts.get(`${txid}:${vout}`)
    expect(coinbaseCheck({ block: block170, height: 170, resolvePrevout })).toEqual({
      subsidy: btc(50),
      fees: 0n,
      coinbaseValue: btc(50),
      ok: true,
      unresolvedInputs: 0,
    })
    expect(coinbaseCheck({ block: block170, height: 170 })).toEqual({
      subsidy: btc(50),
      fees: null,
      coinbaseValue: btc(50),
      ok: null,
      unresolvedInputs: 1,
    })
  })

  test('behavior: a coinbase above the subsidy fails', () => {
    // Block 1's 50 BTC coinbase, as if mined after the subsidy ran out.
    expect(coinbaseCheck({ block: chain[1] as DecodedBlock, height: 64 * 210_000 })).toEqual({
      subsidy: 0n,
      fees: 0n,
      coinbaseValue: btc(50),
      ok: false,
      unresolvedInputs: 0,
    })
  })

  test('error: no height for a version 1 block', () => {
    let error: unknown
    try {
      coinbaseCheck({ block: chain[1] as DecodedBlock })
    } catch (caught) {
      error = caught
    }
    expect(isChainwatchError(error, 'input.invalid')).toBe(true)
  })
})

describe.each([
  'btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk',
  'btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
])('mainnet %s', async (file) => {
  const [block] = await readBlocks(file)

  test('default: 12.5 BTC subsidy, coinbase at least that; fees unknown', () => {
    if (block === undefined) throw new Error('no block')
    // Their inputs spend outputs of earlier blocks that are not in shared/data, so fees (and
    // with them the consensus check) cannot be computed: fees and ok are null.
    const spending = block.transactions.slice(1).flatMap((tx) => tx.inputs)
    const unresolved = spending.filter(
      (input) => !block.transactions.some((tx) => tx.txid === input.prevTxid),
    )
    const result = coinbaseCheck({ block })
    expect(result).toMatchObject({
      subsidy: 1_250_000_000n,
      fees: null,
      ok: null,
      unresolvedInputs: unresolved.length,
    })
    expect(result.coinbaseValue).toBeGreaterThanOrEqual(result.subsidy)
  })
})
