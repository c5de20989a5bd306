import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Transaction } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import { type DecodedTransaction, decodeTransaction } from './index.js'

const dataPath = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url))
const readText = (path: string) => readFileSync(dataPath(path), 'utf8')
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'))

/** Our decoding and bitcoinjs-lib's, reduced to the same plain shape. */
function shapes(tx: DecodedTransaction, hex: string) {
  const ref = Transaction.fromHex(hex)
  const ours = {
    txid: tx.txid,
    version: tx.version,
    lockTime: tx.lockTime,
    size: tx.size,
    vsize: tx.vsize,
    inputs: tx.inputs.map((i) => [
      i.prevTxid,
      i.vout,
      toHex(i.scriptSig),
      i.sequence,
      i.witness.map(toHex),
    ]),
    outputs: tx.outputs.map((o) => [o.value, toHex(o.scriptPubKey)]),
    coinbase: tx.inputs[0]?.coinbase,
  }
  const theirs = {
    txid: ref.getId(),
    version: ref.version,
    lockTime: ref.locktime,
    size: ref.byteLength(),
    vsize: ref.virtualSize(),
    inputs: ref.ins.map((i) => [
      toHex(Uint8Array.from(i.hash).reverse()),
      i.index,
      toHex(i.script),
      i.sequence,
      i.witness.map(toHex),
    ]),
    outputs: ref.outs.map((o) => [o.value, toHex(o.script)]),
    coinbase: ref.isCoinbase(),
  }
  return { ours, theirs }
}

function blockInvalid(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    if (isChainwatchError(error, 'block.invalid')) return error
    throw error
  }
  throw new Error('expected block.invalid, nothing was thrown')
}

test('default: btcd BIP 69 transaction equals bitcoinjs-lib decoding', () => {
  const hex = readText('bitcoin-blocks/btcd_bip69-1.hex').trim()
  const tx = decodeTransaction(fromHex(hex))
  const { ours, theirs } = shapes(tx, hex)
  expect(ours).toEqual(theirs)
  expect(tx.inputs.length).toBeGreaterThan(1)
})

test('default: Bitcoin Core tx_valid vectors equal bitcoinjs-lib decoding', () => {
  const rows = JSON.parse(readText('bitcoinjs-fixtures/core_tx_valid.json')) as unknown[][]
  // Rows whose first cell is a string are comments.
  const vectors = rows.filter((row) => Array.isArray(row[0])).map((row) => String(row[1]))
  expect(vectors.length).toBeGreaterThan(100)
  for (const hex of vectors) {
    const { ours, theirs } = shapes(decodeTransaction(fromHex(hex)), hex)
    expect(ours).toEqual(theirs)
  }
})

type TxFixtures = {
  valid: { description: string; id: string; hex: string; coinbase?: boolean }[]
  invalid: { fromBuffer: { exception: string; hex: string }[] }
}
const txFixtures = JSON.parse(readText('bitcoinjs-fixtures/transaction.json')) as TxFixtures

describe('bitcoinjs-lib transaction vectors', () => {
  test.each(txFixtures.valid)('default: $description', (vector) => {
    const tx = decodeTransaction(fromHex(vector.hex))
    expect(tx.txid).toBe(vector.id)
    expect(tx.inputs[0]?.coinbase).toBe(vector.coinbase === true)
    const { ours, theirs } = shapes(tx, vector.hex)
    expect(ours).toEqual(theirs)
  })

  const expected: Record<string, string> = {
    'Transaction has unexpected data':
      'Transaction is invalid at byte 396 (end of transaction): 4 unexpected bytes after the lock time.',
    'Transaction has superfluous witness data':
      'Transaction is invalid at byte 157 (witness 0 item count): segwit flag set but every witness is empty.',
  }
  test.each(txFixtures.invalid.fromBuffer)('error: $exception', ({ exception, hex }) => {
    const error = blockInvalid(() => decodeTransaction(fromHex(hex)))
    expect(error.message.split('\n')[0]).toBe(expected[exception])
  })
})

describe('bitcoin-etl getblock (verbosity 2) responses', () => {
  const root = 'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin'
  type RpcTx = {
    txid: string
    hex: string
    vin: { coinbase?: string; txid?: string; vout?: number; sequence: number }[]
    vout: { n: number; scriptPubKey: { hex: string } }[]
  }
  const responses = readdirSync(dataPath(root), { recursive: true, encoding: 'utf8' })
    .filter((file) => /rpc_response_getblock_[0-9a-f]{64}_2\.json$/.test(file))
    .map((file) => JSON.parse(readText(`${root}/${file}`)) as { hash: string; tx: RpcTx[] })

  test('default: every transaction hex decodes to what bitcoind reported', () => {
    expect(responses.length).toBeGreaterThan(0)
    for (const rpcTx of responses.flatMap((response) => response.tx)) {
      const tx = decodeTransaction(fromHex(rpcTx.hex))
      expect(tx.txid).toBe(rpcTx.txid)
      expect(
        tx.inputs.map((i) =>
          i.coinbase ? ['coinbase', i.sequence] : [i.prevTxid, i.vout, i.sequence],
        ),
      ).toEqual(
        rpcTx.vin.map((i) =>
          i.coinbase !== undefined ? ['coinbase', i.sequence] : [i.txid, i.vout, i.sequence],
        ),
      )
      expect(tx.outputs.map((o) => toHex(o.scriptPubKey))).toEqual(
        rpcTx.vout.map((o) => o.scriptPubKey.hex),
      )
    }
  })
})

describe('errors', () => {
  const hex = readText('bitcoin-blocks/btcd_bip69-1.hex').trim()
  const bytes = fromHex(hex)

  test('error: every truncation', () => {
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(blockInvalid(() => decodeTransaction(bytes.subarray(0, cut))).message).toMatch(
        /^Transaction is (truncated|invalid) at byte \d+/,
      )
    }
  })

  test('error: message names input and field', () => {
    expect(() => decodeTransaction(bytes.subarray(0, 1000))).toThrowErrorMatchingInlineSnapshot(`
      [ChainwatchError: Transaction is truncated at byte 1000 while reading input 6 script.

      Offset: 928
      Needed: 107
      Length: 1000
      Reading: input 6 script
      Docs: docs/errors.md#block.invalid]
    `)
  })
})
