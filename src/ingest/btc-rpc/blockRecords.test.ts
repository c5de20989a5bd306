import { expect, test } from 'vitest'
import { parseBitcoinJson } from './bitcoinJson.js'
import { blocksToBatch } from './blockRecords.js'
import { rpcBlock } from './rpcSchemas.js'

const h = (byte: string) => byte.repeat(32)
const WPKH = '0014751e76e8199196d454941c45d1b3a323f1433bd6'
// BIP173 / BIP350 test vectors (script ↔ address).
const WPKH_ADDRESS = 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'
const TR = '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'
const TR_ADDRESS = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'
const PUBKEY = `21${'02'.padEnd(66, '1')}ac`
const MULTISIG = `51${`21${'03'.padEnd(66, '2')}`}51ae`

/**
 * A Bitcoin Core 28 `getblock … 3` answer as text (script types and `address` as Core 22+ writes
 * them: none for P2PK, bare multisig, OP_RETURN), with hand-checked expectations.
 */
const text = `{
  "hash": "${h('b2')}", "height": 840001, "previousblockhash": "${h('b1')}", "time": 1713571767,
  "nTx": 2, "difficulty": 86388558925171.02,
  "tx": [
    { "txid": "${h('c0')}",
      "vin": [ { "coinbase": "03415d0c", "sequence": 4294967295 } ],
      "vout": [ { "value": 3.12500000, "n": 0,
                  "scriptPubKey": { "hex": "${WPKH}", "type": "witness_v0_keyhash", "address": "${WPKH_ADDRESS.toLowerCase()}" } } ] },
    { "txid": "${h('c1')}",
      "vin": [
        { "txid": "${h('a0')}", "vout": 1, "sequence": 4294967293,
          "prevout": { "generated": false, "height": 800000, "value": 0.00100000,
                       "scriptPubKey": { "hex": "${TR}", "type": "witness_v1_taproot", "address": "${TR_ADDRESS}" } } },
        { "txid": "${h('a1')}", "vout": 0, "sequence": 4294967293,
          "prevout": { "generated": false, "height": 1, "value": 50.00000000,
                       "scriptPubKey": { "hex": "${PUBKEY}", "type": "pubkey" } } }
      ],
      "vout": [
        { "value": 0.00012345, "n": 0, "scriptPubKey": { "hex": "${WPKH}", "type": "witness_v0_keyhash", "address": "${WPKH_ADDRESS.toLowerCase()}" } },
        { "value": 0.00000000, "n": 1, "scriptPubKey": { "hex": "6a04deadbeef", "type": "nulldata" } },
        { "value": 1e-05, "n": 2, "scriptPubKey": { "hex": "${MULTISIG}", "type": "multisig" } },
        { "value": 0.00000240, "n": 3, "scriptPubKey": { "hex": "51024e73", "type": "anchor", "address": "bc1pfeessrawgf" } },
        { "value": 49.99000000, "n": 4, "scriptPubKey": { "hex": "${TR}", "type": "witness_v1_taproot", "address": "${TR_ADDRESS}" } }
      ] }
  ]
}`

test('a Core 28 verbosity-3 block maps like bitcoin-etl rows: types, addresses, data, exact amounts, fee', () => {
  const block = rpcBlock.parse(parseBitcoinJson(text))
  const batch = blocksToBatch([block], 'bitcoin')
  const at = (tx: string, txIndex: number) => ({
    chain: 'bitcoin',
    txHash: h(tx),
    blockHeight: 840001,
    txIndex,
  })
  expect(batch.blocks).toEqual([
    {
      chain: 'bitcoin',
      height: 840001,
      hash: h('b2'),
      parentHash: h('b1'),
      time: 1713571767,
      txCount: 2,
    },
  ])
  expect(batch.transactions.map((t) => [t.hash, t.index, t.value, t.fee])).toEqual([
    [h('c0'), 0, 312_500_000n, 0n],
    // in 100,000 + 5,000,000,000; out 12,345 + 0 + 1,000 + 240 + 4,999,000,000
    [h('c1'), 1, 4_999_013_585n, 1_086_415n],
  ])
  expect(batch.outputs).toEqual([
    {
      ...at('c0', 0),
      index: 0,
      address: WPKH_ADDRESS.toLowerCase(),
      value: 312_500_000n,
      scriptType: 'p2wpkh',
    },
    {
      ...at('c1', 1),
      index: 0,
      address: WPKH_ADDRESS.toLowerCase(),
      value: 12_345n,
      scriptType: 'p2wpkh',
    },
    {
      ...at('c1', 1),
      index: 1,
      address: null,
      value: 0n,
      scriptType: 'nulldata',
      data: 'deadbeef',
    },
    { ...at('c1', 1), index: 2, address: null, value: 1_000n, scriptType: 'multisig' },
    // Pay-to-anchor: Core 28's `anchor` is older nodes' witness_unknown; its address is kept.
    {
      ...at('c1', 1),
      index: 3,
      address: 'bc1pfeessrawgf',
      value: 240n,
      scriptType: 'witness_unknown',
    },
    { ...at('c1', 1), index: 4, address: TR_ADDRESS, value: 4_999_000_000n, scriptType: 'p2tr' },
  ])
  expect(batch.inputs).toEqual([
    {
      ...at('c0', 0),
      index: 0,
      spentTxHash: null,
      spentOutputIndex: null,
      address: null,
      value: null,
    },
    {
      ...at('c1', 1),
      index: 0,
      spentTxHash: h('a0'),
      spentOutputIndex: 1,
      address: TR_ADDRESS,
      value: 100_000n,
    },
    // P2PK has no address in Core 22+ (bitcoin-etl: none either).
    {
      ...at('c1', 1),
      index: 1,
      spentTxHash: h('a1'),
      spentOutputIndex: 0,
      address: null,
      value: 5_000_000_000n,
    },
  ])
})

test('verbosity 2: an input spending an output of the same batch is resolved in memory, others stay unknown', () => {
  const v3 = JSON.parse(text.replace(/"difficulty": [\d.]+,/, '')) as {
    tx: { vin: Record<string, unknown>[] }[]
  }
  const spender = v3.tx[1]
  if (spender === undefined) throw new Error('fixture')
  // Without prevout; the second input now spends the coinbase output of the same block.
  spender.vin = [
    { txid: h('a0'), vout: 1 },
    { txid: h('c0'), vout: 0 },
  ]
  const batch = blocksToBatch([rpcBlock.parse(v3)], 'bitcoin')
  expect(batch.inputs.slice(1).map((i) => [i.spentTxHash, i.address, i.value])).toEqual([
    [h('a0'), null, null],
    [h('c0'), WPKH_ADDRESS.toLowerCase(), 312_500_000n],
  ])
  expect(batch.transactions[1]?.fee).toBeNull()
})
