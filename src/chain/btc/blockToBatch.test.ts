import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import type { InputRecord, OutputRecord } from '../model.js'
import { blockToBatch, type DecodedBlock, decodeBlock, readBlockFileAsync } from './index.js'

const dataPath = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url))
const readText = (path: string) => readFileSync(dataPath(path), 'utf8')
const jsonLines = <T>(path: string): T[] =>
  readText(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

async function readBlocks(name: string): Promise<DecodedBlock[]> {
  const raws = await readBlockFileAsync(dataPath(`bitcoin-blocks/${name}`))
  return [...raws].map((raw) => decodeBlock(raw.bytes))
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

type RpcBlock = {
  hash: string
  height: number
  version: number
  previousblockhash?: string
  merkleroot: string
  time: number
  bits: string
  nonce: number
  tx: { hex: string }[]
}

/** Serializes a block back from bitcoind's `getblock <hash> 2` answer (header fields + tx hex). */
function rawBlockOf(rpc: RpcBlock): Uint8Array {
  const header = Buffer.alloc(80)
  header.writeInt32LE(rpc.version, 0)
  Buffer.from(rpc.previousblockhash ?? '0'.repeat(64), 'hex')
    .reverse()
    .copy(header, 4)
  Buffer.from(rpc.merkleroot, 'hex').reverse().copy(header, 36)
  header.writeUInt32LE(rpc.time, 68)
  header.writeUInt32LE(Number.parseInt(rpc.bits, 16), 72)
  header.writeUInt32LE(rpc.nonce, 76)
  // These blocks have fewer than 0xfd transactions: a one-byte count.
  const txs = rpc.tx.map((tx) => Buffer.from(tx.hex, 'hex'))
  return Uint8Array.from(Buffer.concat([header, Buffer.from([txs.length]), ...txs]))
}

describe('bitcoin-etl expected exports (mainnet 0, 1, 50000..50002)', () => {
  const root = 'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin'
  const cases = ['block_0', 'block_1', 'block_without_transactions', 'block_with_transactions']
  // bitcoin-etl keeps bitcoind's type names.
  const etlTypes: Record<string, string> = { pubkey: 'p2pk', pubkeyhash: 'p2pkh' }
  type EtlBlock = { hash: string; number: number; timestamp: number; transaction_count: number }
  type EtlTx = {
    hash: string
    block_hash: string
    block_number: number
    index: number
    is_coinbase: boolean
    output_value: number
    fee: number
    inputs: { index: number; spent_transaction_hash: string; spent_output_index: number }[]
    outputs: { index: number; type: string; addresses: string[]; value: number }[]
  }

  test.each(cases)('default: %s', (dir) => {
    const rpcFiles = readdirSync(dataPath(`${root}/${dir}`)).filter((f) =>
      /^rpc_response_getblock_[0-9a-f]{64}_2\.json$/.test(f),
    )
    const etlBlocks = jsonLines<EtlBlock>(`${root}/${dir}/expected_blocks.json`)
    const etlTxs = jsonLines<EtlTx>(`${root}/${dir}/expected_transactions.json`)
    expect(rpcFiles).toHaveLength(etlBlocks.length)
    for (const file of rpcFiles) {
      const rpc = JSON.parse(readText(`${root}/${dir}/${file}`)) as RpcBlock
      const block = decodeBlock(rawBlockOf(rpc))
      expect(block.hash).toBe(rpc.hash)
      const batch = blockToBatch({ block, chain: 'bitcoin', height: rpc.height })
      const etlBlock = etlBlocks.find((b) => b.hash === block.hash)
      expect(batch.blocks).toEqual([
        {
          chain: 'bitcoin',
          height: etlBlock?.number,
          hash: etlBlock?.hash,
          parentHash: rpc.previousblockhash ?? null,
          time: etlBlock?.timestamp,
          txCount: etlBlock?.transaction_count,
        },
      ])
      const txs = etlTxs.filter((tx) => tx.block_hash === block.hash)
      expect(batch.transactions).toEqual(
        txs.map((tx) => ({
          chain: 'bitcoin',
          hash: tx.hash,
          blockHeight: tx.block_number,
          blockHash: tx.block_hash,
          index: tx.index,
          from: null,
          to: null,
          value: BigInt(tx.output_value),
          // bitcoin-etl leaves input values unenriched (0) here; ours stay unknown (null).
          fee: tx.is_coinbase ? BigInt(tx.fee) : null,
          success: true,
        })),
      )
      expect(batch.outputs).toEqual(
        txs.flatMap((tx) =>
          tx.outputs.map(
            (output): OutputRecord => ({
              chain: 'bitcoin',
              txHash: tx.hash,
              index: output.index,
              address: output.addresses[0] ?? null,
              value: BigInt(output.value),
              scriptType: etlTypes[output.type] ?? output.type,
              blockHeight: tx.block_number,
              txIndex: tx.index,
            }),
          ),
        ),
      )
      // bitcoin-etl lists no input for a coinbase; we keep it, spending nothing.
      expect(batch.inputs).toEqual(
        txs.flatMap((tx): InputRecord[] => {
          const common = {
            chain: 'bitcoin' as const,
            txHash: tx.hash,
            blockHeight: tx.block_number,
            txIndex: tx.index,
          }
          if (tx.is_coinbase) {
            return [
              {
                ...common,
                index: 0,
                spentTxHash: null,
                spentOutputIndex: null,
                address: null,
                value: null,
              },
            ]
          }
          return tx.inputs.map((input) => ({
            ...common,
            index: input.index,
            spentTxHash: input.spent_transaction_hash,
            spentOutputIndex: input.spent_output_index,
            address: null,
            value: null,
          }))
        }),
      )
      expect(batch.transfers).toEqual([])
    }
  })
})

describe.each([
  'btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk',
  'btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
])('mainnet %s', async (file) => {
  const [block] = await readBlocks(file)
  if (block === undefined) throw new Error('no block')
  const batch = blockToBatch({ block, chain: 'bitcoin' })

  test('default: one record per block, transaction, input and output', () => {
    const txs = block.transactions
    expect(batch.blocks).toEqual([
      {
        chain: 'bitcoin',
        height: block.height,
        hash: block.hash,
        parentHash: block.prevHash,
        time: block.time,
        txCount: txs.length,
      },
    ])
    expect(batch.transactions.map((tx) => [tx.hash, tx.index])).toEqual(
      txs.map((tx, i) => [tx.txid, i]),
    )
    expect(batch.outputs.map((o) => `${o.txHash}:${o.index}:${o.txIndex}`)).toEqual(
      txs.flatMap((tx, i) => tx.outputs.map((_, vout) => `${tx.txid}:${vout}:${i}`)),
    )
    expect(
      batch.inputs.map((input) => `${input.txHash}:${input.index}:${input.spentTxHash}`),
    ).toEqual(
      txs.flatMap((tx) =>
        tx.inputs.map((input, i) => `${tx.txid}:${i}:${input.coinbase ? null : input.prevTxid}`),
      ),
    )
    const heights = new Set(
      [...batch.transactions, ...batch.outputs, ...batch.inputs].map((r) => r.blockHeight),
    )
    expect([...heights]).toEqual([block.height])
  })

  test('behavior: inputs spending earlier outputs of the block are filled in', () => {
    const outputs = new Map(batch.outputs.map((o) => [`${o.txHash}:${o.index}`, o]))
    const inputsOf = new Map<number | null, InputRecord[]>()
    for (const input of batch.inputs) {
      inputsOf.set(input.txIndex, [...(inputsOf.get(input.txIndex) ?? []), input])
    }
    const earlier = new Set<string>()
    let filled = 0
    for (const [txIndex, tx] of batch.transactions.entries()) {
      const inputs = inputsOf.get(txIndex) ?? []
      const known = inputs.map((input) => {
        const spent = earlier.has(input.spentTxHash ?? '')
          ? outputs.get(`${input.spentTxHash}:${input.spentOutputIndex}`)
          : undefined
        expect([input.address, input.value]).toEqual([spent?.address ?? null, spent?.value ?? null])
        return spent !== undefined
      })
      filled += known.filter(Boolean).length
      const fee = inputs.reduce((sum, input) => sum + (input.value ?? 0n), 0n) - tx.value
      expect(tx.fee).toBe(txIndex === 0 ? 0n : known.every(Boolean) ? fee : null)
      earlier.add(tx.hash)
    }
    // Both blocks hold chains of transactions, so this is not vacuous.
    expect(filled).toBeGreaterThan(0)
  })
})

describe('mainnet blocks 0..255', async () => {
  const [genesis] = await readBlocks('btcd_blk_0_to_4.dat.bz2')
  const blocks = await readBlocks('btcd_blocks1-256.bz2')

  test('default: genesis has no parent', () => {
    const batch = blockToBatch({ block: genesis as DecodedBlock, chain: 'bitcoin', height: 0 })
    expect(batch.blocks[0]?.parentHash).toBeNull()
    expect(batch.inputs[0]).toMatchObject({ spentTxHash: null, spentOutputIndex: null })
  })

  test('args: resolvePrevout fills block 170 from block 9', () => {
    const block9 = blockToBatch({ block: blocks[8] as DecodedBlock, chain: 'bitcoin', height: 9 })
    const paid = block9.outputs[0] as OutputRecord
    const batch = blockToBatch({
      block: blocks[169] as DecodedBlock,
      chain: 'bitcoin',
      height: 170,
      resolvePrevout: ({ txid, vout }) =>
        txid === paid.txHash && vout === paid.index ? paid : undefined,
    })
    const hash = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'
    expect(batch.inputs.filter((input) => input.txHash === hash)).toMatchObject([
      { spentTxHash: paid.txHash, spentOutputIndex: 0, address: paid.address, value: paid.value },
    ])
    expect(batch.transactions.find((tx) => tx.hash === hash)?.fee).toBe(0n)
    expect(paid.scriptType).toBe('p2pk')
  })

  test('error: a version 1 block needs its height', () => {
    const error = thrown(() => blockToBatch({ block: blocks[0] as DecodedBlock, chain: 'bitcoin' }))
    expect(isChainwatchError(error, 'input.invalid')).toBe(true)
  })

  test('error: height must be a whole number', () => {
    for (const height of [-1, 1.5, Number.NaN]) {
      const error = thrown(() =>
        blockToBatch({ block: blocks[0] as DecodedBlock, chain: 'bitcoin', height }),
      )
      expect(isChainwatchError(error, 'input.invalid')).toBe(true)
    }
  })
})
