import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { address, networks, payments, script } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import {
  type BitcoinNetwork,
  classifyOutputScript,
  type DecodedBlock,
  decodeBlock,
  type OutputScriptType,
  readBlockFileAsync,
} from './index.js'

const dataPath = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url))
const readText = (path: string) => readFileSync(dataPath(path), 'utf8')
const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'))

describe('bitcoin-etl expected transactions', () => {
  // bitcoin-etl keeps bitcoind's type names.
  const etlTypes: Record<string, OutputScriptType> = {
    pubkey: 'p2pk',
    pubkeyhash: 'p2pkh',
    scripthash: 'p2sh',
    multisig: 'multisig',
    nulldata: 'nulldata',
    witness_v0_keyhash: 'p2wpkh',
    witness_v0_scripthash: 'p2wsh',
    witness_v1_taproot: 'p2tr',
    witness_unknown: 'witness_unknown',
    nonstandard: 'nonstandard',
  }
  const root = 'bitcoin-etl-test-resources/tests/resources/test_export_blocks_job/bitcoin'
  type EtlOutput = { script_hex: string; type: string; addresses: string[] }
  const outputs = readdirSync(dataPath(root), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('expected_transactions.json'))
    .flatMap((file) => readText(`${root}/${file}`).split('\n'))
    .filter((line) => line.trim() !== '')
    .flatMap((line) => (JSON.parse(line) as { outputs: EtlOutput[] }).outputs)

  test('default: type and address of every output (p2pk gets its P2PKH address)', () => {
    expect(new Set(outputs.map((o) => o.type))).toEqual(new Set(['pubkey', 'pubkeyhash']))
    for (const output of outputs) {
      expect(classifyOutputScript(fromHex(output.script_hex), 'mainnet')).toEqual({
        scriptType: etlTypes[output.type],
        address: output.addresses[0] ?? null,
      })
    }
  })
})

describe('bitcoinjs-lib address vectors', () => {
  type Vector = {
    network: string
    version: number
    script: string
    base58check?: string
    hash?: string
    bech32?: string
    data?: string
  }
  const fixtures = JSON.parse(readText('bitcoinjs-fixtures/address.json')) as {
    standard: Vector[]
    invalid: { fromOutputScript: { script: string; description?: string }[] }
  }
  const ourNetworks: Record<string, BitcoinNetwork> = {
    bitcoin: 'mainnet',
    testnet: 'testnet',
    regtest: 'regtest',
  }
  const base58Types: Record<number, OutputScriptType> = {
    0: 'p2pkh',
    111: 'p2pkh',
    5: 'p2sh',
    196: 'p2sh',
  }
  function segwitType(version: number, size: number): OutputScriptType {
    if (version === 0) return size === 20 ? 'p2wpkh' : 'p2wsh'
    return version === 1 && size === 32 ? 'p2tr' : 'witness_unknown'
  }
  // Litecoin vectors are out of scope.
  const standard = fixtures.standard.filter((v) => ourNetworks[v.network] !== undefined)

  test.each(standard)('default: $network $script', (vector) => {
    const network = ourNetworks[vector.network] ?? 'mainnet'
    const expected =
      vector.base58check !== undefined
        ? { scriptType: base58Types[vector.version], address: vector.base58check }
        : {
            scriptType: segwitType(vector.version, (vector.data ?? '').length / 2),
            address: vector.bech32?.toLowerCase(),
          }
    expect(classifyOutputScript(script.fromASM(vector.script), network)).toEqual(expected)
  })

  // bitcoinjs-lib gives these scripts no address; we classify them as Bitcoin Core's Solver does
  // (script/solver.cpp) and, for p2pk, give the P2PKH address as bitcoin-etl does.
  const solverTypes: OutputScriptType[] = [
    'p2pk', // <33-byte key> OP_CHECKSIG
    'multisig', // OP_1 <key> <key> OP_2 OP_CHECKMULTISIG
    'nulldata', // OP_RETURN <push>
    'nonstandard', // OP_0 <1 byte>: too short for a witness program
    'nonstandard', // OP_0 <41 bytes>: too long for a witness program
    'nonstandard', // OP_1 <1 byte>
    'nonstandard', // OP_1 <41 bytes>
    'p2tr', // Solver does not check that the key is on the curve
  ]
  test('default: scripts without a bitcoinjs-lib address', () => {
    const vectors = fixtures.invalid.fromOutputScript
    const classified = vectors.map((v) => classifyOutputScript(script.fromASM(v.script), 'mainnet'))
    expect(classified.map((c) => c.scriptType)).toEqual(solverTypes)
    for (const [i, { scriptType, address: ours }] of classified.entries()) {
      const asm = vectors[i]?.script ?? ''
      if (scriptType === 'p2pk') {
        const pubkey = Buffer.from(asm.split(' ')[0] ?? '', 'hex')
        expect(ours).toBe(payments.p2pkh({ pubkey }).address)
      } else if (scriptType === 'p2tr') {
        expect(ours).toMatch(/^bc1p/)
      } else {
        expect(ours).toBeNull()
      }
    }
  })
})

describe('outputs of real blocks equal bitcoinjs-lib addresses', () => {
  const blocks = async (): Promise<{ block: DecodedBlock; network: BitcoinNetwork }[]> => {
    const files = [
      'btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk',
      'btcd_block-0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2.blk',
      'btcd_277647.dat.bz2',
    ]
    const mainnet = []
    for (const file of files) {
      for (const raw of await readBlockFileAsync(dataPath(`bitcoin-blocks/${file}`))) {
        mainnet.push({ block: decodeBlock(raw.bytes), network: 'mainnet' as const })
      }
    }
    const rows = JSON.parse(readText('bitcoin-blocks/rustbitcoin_blockfilters.json')) as unknown[][]
    const testnet = rows.slice(1).map((row) => ({
      block: decodeBlock(fromHex(String(row[2]))),
      network: 'testnet' as const,
    }))
    return [...mainnet, ...testnet]
  }

  test('default', async () => {
    const seen = new Set<OutputScriptType>()
    for (const { block, network } of await blocks()) {
      const bitcoinjsNetwork = network === 'mainnet' ? networks.bitcoin : networks.testnet
      for (const output of block.transactions.flatMap((tx) => tx.outputs)) {
        const ours = classifyOutputScript(output.scriptPubKey, network)
        seen.add(ours.scriptType)
        const theirs =
          ours.scriptType === 'p2pk'
            ? payments.p2pkh({
                pubkey: output.scriptPubKey.subarray(1, -1),
                network: bitcoinjsNetwork,
              }).address
            : referenceAddress(output.scriptPubKey, bitcoinjsNetwork)
        expect(ours.address).toBe(theirs)
      }
    }
    expect([...seen].sort()).toEqual([
      'nonstandard',
      'nulldata',
      'p2pk',
      'p2pkh',
      'p2sh',
      'p2wpkh',
      'p2wsh',
    ])
  })
})

function referenceAddress(output: Uint8Array, network: typeof networks.bitcoin): string | null {
  try {
    return address.fromOutputScript(output, network)
  } catch {
    return null
  }
}

test('behavior: empty and cut scripts are nonstandard', () => {
  const p2pkh = script.fromASM(
    'OP_DUP OP_HASH160 751e76e8199196d454941c45d1b3a323f1433bd6 OP_EQUALVERIFY OP_CHECKSIG',
  )
  expect(classifyOutputScript(p2pkh, 'mainnet').scriptType).toBe('p2pkh')
  for (let cut = 0; cut < p2pkh.length; cut++) {
    expect(classifyOutputScript(p2pkh.subarray(0, cut), 'mainnet')).toEqual({
      scriptType: 'nonstandard',
      address: null,
    })
  }
})
