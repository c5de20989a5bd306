import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Block, script } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { computeMerkleRoot, decodeBlock, decodeBlockHeader } from './index.js'

const dataPath = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url))
const readData = (path: string) => new Uint8Array(readFileSync(dataPath(path)))
const readJson = (path: string): unknown => JSON.parse(readFileSync(dataPath(path), 'utf8'))
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const reversed = (hex: string) => toHex(Buffer.from(hex, 'hex').reverse())

/** The block.invalid error `run` throws (fails the test on any other outcome). */
function blockInvalid(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    if (isChainwatchError(error, 'block.invalid')) return error
    throw error
  }
  throw new Error('expected block.invalid, nothing was thrown')
}

// Heights and tx counts as btcd's wire/testdata documents them (shared/data/PROVENANCE.md).
const mainnetBlocks = [
  {
    file: 'btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk',
    height: 540107,
    txCount: 230,
  },
  {
    file: 'btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
    height: 574200,
    txCount: 3315,
  },
]

describe.each(mainnetBlocks)('mainnet block $height', ({ file, height, txCount }) => {
  const bytes = readData(`bitcoin-blocks/${file}`)
  const block = decodeBlock(bytes)
  // A second, independent decoder for cross-checks.
  const reference = Block.fromBuffer(bytes)
  const referenceTxs = reference.transactions ?? []

  test('default', () => {
    expect(block.hash).toBe(file.match(/block-([0-9a-f]{64})\.blk$/)?.[1])
    expect(block.hash).toBe(reference.getId())
    expect(block.height).toBe(height)
    expect(block.transactions).toHaveLength(txCount)
    expect(block.size).toBe(bytes.length)
    expect(block.prevHash).toBe(reversed(toHex(reference.prevHash ?? new Uint8Array())))
    expect(block.time).toBe(reference.timestamp)
    expect(block.bits).toBe(reference.bits)
    expect(block.nonce).toBe(reference.nonce)
  })

  test('behavior: BIP 34 height equals the coinbase script number', () => {
    // The rest of a coinbase script is arbitrary bytes, so decode only its first push.
    const coinbaseScript = Buffer.from(referenceTxs[0]?.ins[0]?.script ?? new Uint8Array())
    const pushSize = coinbaseScript[0] ?? 0
    expect(pushSize).toBeLessThan(0x4c)
    expect(block.height).toBe(script.number.decode(coinbaseScript.subarray(1, 1 + pushSize)))
  })

  test('behavior: transactions equal bitcoinjs-lib decoding', () => {
    const summary = (inputs: number, outputs: number, value: bigint, segwit: number) => ({
      inputs,
      outputs,
      value,
      segwit,
    })
    let ours = summary(0, 0, 0n, 0)
    let theirs = summary(0, 0, 0n, 0)
    for (const [i, tx] of block.transactions.entries()) {
      const ref = referenceTxs[i]
      if (ref === undefined) throw new Error(`bitcoinjs-lib has no transaction ${i}`)
      expect(tx.txid).toBe(ref.getId())
      expect(tx.vsize).toBe(ref.virtualSize())
      expect(tx.size).toBe(ref.byteLength())
      expect(tx.inputs.map((input) => `${input.prevTxid}:${input.vout}`)).toEqual(
        ref.ins.map((input) => `${reversed(toHex(input.hash))}:${input.index}`),
      )
      expect(tx.outputs.map((output) => `${output.value}:${toHex(output.scriptPubKey)}`)).toEqual(
        ref.outs.map((output) => `${output.value}:${toHex(output.script)}`),
      )
      expect(tx.inputs.map((input) => input.witness.length)).toEqual(
        ref.ins.map((input) => input.witness.length),
      )
      const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n)
      ours = summary(
        ours.inputs + tx.inputs.length,
        ours.outputs + tx.outputs.length,
        ours.value + sum(tx.outputs.map((o) => o.value)),
        ours.segwit + (tx.segwit ? 1 : 0),
      )
      theirs = summary(
        theirs.inputs + ref.ins.length,
        theirs.outputs + ref.outs.length,
        theirs.value + sum(ref.outs.map((o) => o.value)),
        theirs.segwit + (ref.hasWitnesses() ? 1 : 0),
      )
    }
    expect(ours).toEqual(theirs)
    expect(block.transactions.map((tx) => tx.inputs.some((input) => input.coinbase))).toEqual(
      referenceTxs.map((_, i) => i === 0),
    )
  })

  test('behavior: merkle root of the txids equals the header', () => {
    const root = computeMerkleRoot(block.transactions.map((tx) => tx.txid))
    expect(root).toBe(block.merkleRoot)
    expect(root).toBe(reversed(toHex(reference.merkleRoot ?? new Uint8Array())))
  })

  test('error: truncated at any point', () => {
    const cuts = [0, 1, 40, 79, 80, 81, 82, 1000, bytes.length >> 2, bytes.length >> 1]
    for (const cut of [...cuts, bytes.length - 5, bytes.length - 1]) {
      const error = blockInvalid(() => decodeBlock(bytes.subarray(0, cut)))
      expect(error.message).toMatch(/^Block is (truncated|invalid) at byte \d+/)
    }
  })
})

type BlockVector = {
  description: string
  hex: string
  id: string
  version: string
  prevHash: string
  merkleRoot: string
  timestamp: string
  bits: string
  nonce: string
  height?: string
}
type BlockFixtures = { valid: BlockVector[]; invalid: { exception: string; hex: string }[] }
const fixtures = readJson('bitcoinjs-fixtures/block.json') as BlockFixtures

describe('bitcoinjs-lib block vectors', () => {
  test.each(fixtures.valid)('default: $description', (vector) => {
    const bytes = Buffer.from(vector.hex, 'hex')
    // bitcoinjs-lib stores prevHash and merkleRoot in internal byte order.
    const expected = {
      hash: vector.id,
      version: Number(vector.version),
      prevHash: reversed(vector.prevHash),
      merkleRoot: reversed(vector.merkleRoot),
      time: Number(vector.timestamp),
      bits: Number(vector.bits),
      nonce: Number(vector.nonce),
    }
    expect(decodeBlockHeader(bytes)).toEqual(expected)
    if (bytes.length === 80) {
      expect(blockInvalid(() => decodeBlock(bytes)).message).toMatch(
        /^Block is truncated at byte 80 while reading transaction count\./,
      )
      return
    }
    const block = decodeBlock(bytes)
    expect(block).toMatchObject(expected)
    if (vector.height !== undefined) {
      expect(block.height).toBe(expected.version >= 2 ? Number(vector.height) : null)
    }
  })

  test.each(fixtures.invalid)('error: $exception', ({ hex }) => {
    expect(blockInvalid(() => decodeBlock(Buffer.from(hex, 'hex'))).message).toMatch(
      /^Block is truncated at byte 40 while reading header/,
    )
  })

  test('error: every truncation of a segwit block', () => {
    const vector = fixtures.valid.find((v) => v.description === 'Block with witness commit')
    const bytes = Buffer.from(vector?.hex ?? '', 'hex')
    expect(decodeBlock(bytes).transactions.some((tx) => tx.segwit)).toBe(true)
    for (let cut = 0; cut < bytes.length; cut++) {
      blockInvalid(() => decodeBlock(bytes.subarray(0, cut)))
    }
  })
})

test('default: Bitcoin Core block vectors (id, transaction count)', () => {
  const vectors = readJson('bitcoinjs-fixtures/core_blocks.json') as {
    id: string
    transactions: number
    hex: string
  }[]
  for (const vector of vectors) {
    const block = decodeBlock(Buffer.from(vector.hex, 'hex'))
    expect({ id: block.hash, transactions: block.transactions.length }).toEqual({
      id: vector.id,
      transactions: vector.transactions,
    })
  }
})

test('default: rust-bitcoin BIP 158 testnet blocks (hash, BIP 34 height)', () => {
  const rows = (readJson('bitcoin-blocks/rustbitcoin_blockfilters.json') as unknown[][]).slice(1)
  expect(rows.length).toBeGreaterThan(0)
  for (const [height, hash, hex] of rows) {
    const block = decodeBlock(Buffer.from(String(hex), 'hex'))
    expect(block.hash).toBe(hash)
    expect(block.height).toBe(block.version >= 2 ? height : null)
  }
})

describe('errors', () => {
  // The genesis block: header 0..79, tx count 80, coinbase 81..284 (version 81, input count 85,
  // outpoint 86..121, script length 122, sequence 200, output count 204, value 205..212,
  // script length 213, lock time 281).
  const genesis = Buffer.from(
    fixtures.valid.find((v) => v.description === 'Genesis Block')?.hex ?? '',
    'hex',
  )
  const edit = (at: number, remove: number, ...insert: number[]) => {
    const bytes = [...genesis]
    bytes.splice(at, remove, ...insert)
    return Uint8Array.from(bytes)
  }
  const coinbase = genesis.subarray(81)

  test('default: the unedited block decodes', () => {
    expect(decodeBlock(genesis).hash).toBe(
      fixtures.valid.find((v) => v.description === 'Genesis Block')?.id,
    )
  })

  test.each([
    {
      name: 'empty input',
      bytes: new Uint8Array(0),
      message: 'Block is truncated at byte 0 while reading header version.',
    },
    {
      name: 'header only',
      bytes: genesis.subarray(0, 80),
      message: 'Block is truncated at byte 80 while reading transaction count.',
    },
    {
      name: 'trailing byte',
      bytes: edit(285, 0, 0),
      message:
        'Block is invalid at byte 285 (end of block): 1 unexpected byte after the last transaction.',
    },
    {
      name: 'no transactions',
      bytes: edit(80, 1, 0),
      message:
        'Block is invalid at byte 80 (transaction count): a block needs at least a coinbase transaction.',
    },
    {
      name: 'non-canonical transaction count',
      bytes: edit(80, 1, 0xfd, 1, 0),
      message: 'Block is invalid at byte 80 (transaction count): non-canonical compact size 1.',
    },
    {
      name: 'huge transaction count',
      bytes: edit(80, 1, 0xff, ...Array(8).fill(0xff)),
      message: 'Block is invalid at byte 80 (transaction count): compact size exceeds 33554432.',
    },
    {
      name: 'hostile input count',
      bytes: edit(85, 1, 0xfe, 0xff, 0xff, 0xff, 0x01),
      message:
        'Block is invalid at byte 85 (transaction 0 input count): claims 33554431 inputs but only 199 bytes remain.',
    },
    {
      name: 'script longer than the block',
      bytes: edit(122, 1, 0xfd, 0xff, 0xff),
      message: 'Block is truncated at byte 287 while reading transaction 0 input 0 script.',
    },
    {
      name: 'output value above 21 million BTC',
      bytes: edit(205, 8, ...Array(8).fill(0xff)),
      message:
        'Block is invalid at byte 205 (transaction 0 output 0 value): value 18446744073709551615 exceeds 21 million BTC.',
    },
    {
      name: 'unknown segwit flag',
      bytes: edit(85, 0, 0x00, 0x02),
      message: 'Block is invalid at byte 86 (transaction 0 segwit flag): unknown segwit flag 2.',
    },
    {
      name: 'first transaction not a coinbase',
      bytes: edit(118, 4, 0, 0, 0, 0),
      message:
        'Block is invalid at byte 81 (transaction 0): the first transaction is not a coinbase.',
    },
    {
      name: 'transaction bytes changed',
      bytes: edit(150, 1, 0x21),
      message:
        'Block 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f does not match its header: the merkle root of its transactions differs.',
    },
    {
      name: 'second coinbase',
      bytes: Uint8Array.from([...edit(80, 1, 2), ...coinbase]),
      message:
        'Block is invalid at byte 285 (transaction 1): only the first transaction may be a coinbase.',
    },
  ])('error: $name', ({ bytes, message }) => {
    const error = blockInvalid(() => decodeBlock(bytes))
    expect(error.message.split('\n')[0]).toBe(message)
  })

  test('error: message lists where and what', () => {
    expect(() => decodeBlock(genesis.subarray(0, 210))).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Block is invalid at byte 204 (transaction 0 output count): claims 1 output but only 5 bytes remain.

      Offset: 204
      Reading: transaction 0 output count
      Length: 210
      Docs: docs/errors.md#block.invalid]
    `)
  })
})
