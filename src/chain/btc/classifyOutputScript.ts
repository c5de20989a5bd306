import type { BitcoinNetwork } from './BitcoinNetwork.js'
import { encodeBase58Address, encodeSegwitAddress } from './encodeAddress.js'
import { hash160 } from './hashes.js'

/** The standard output script kinds of Bitcoin Core's `Solver`, named as in `OutputRecord`. */
export type OutputScriptType =
  | 'p2pkh'
  | 'p2sh'
  | 'p2wpkh'
  | 'p2wsh'
  | 'p2tr'
  | 'p2pk'
  | 'multisig'
  | 'nulldata'
  | 'witness_unknown'
  | 'nonstandard'

export type ClassifiedOutputScript = {
  readonly scriptType: OutputScriptType
  /** The address funds sent to this script belong to; null when it has none. */
  readonly address: string | null
}

const OP_0 = 0x00
const OP_PUSHDATA1 = 0x4c
const OP_PUSHDATA2 = 0x4d
const OP_PUSHDATA4 = 0x4e
const OP_1 = 0x51
const OP_16 = 0x60
const OP_RETURN = 0x6a
const OP_DUP = 0x76
const OP_EQUAL = 0x87
const OP_EQUALVERIFY = 0x88
const OP_HASH160 = 0xa9
const OP_CHECKSIG = 0xac
const OP_CHECKMULTISIG = 0xae

/**
 * Classifies an output script as Bitcoin Core's `Solver` does and gives its address. A bare
 * public key (p2pk) gets the P2PKH address of its hash160, as bitcoin-etl and block explorers
 * show it; bare multisig, OP_RETURN and non-standard scripts have none. Witness versions 2..16
 * (and version 1 programs that are not 32 bytes) are `witness_unknown` with a bech32m address.
 *
 * @example
 * classifyOutputScript(hex.decode('0014751e76e8199196d454941c45d1b3a323f1433bd6'), 'mainnet')
 * // { scriptType: 'p2wpkh', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }
 */
export function classifyOutputScript(
  script: Uint8Array,
  network: BitcoinNetwork,
): ClassifiedOutputScript {
  const size = script.length
  const first = script[0]
  if (
    size === 25 &&
    first === OP_DUP &&
    script[1] === OP_HASH160 &&
    script[2] === 20 &&
    script[23] === OP_EQUALVERIFY &&
    script[24] === OP_CHECKSIG
  ) {
    return typed('p2pkh', encodeBase58Address('pubKeyHash', script.subarray(3, 23), network))
  }
  if (size === 23 && first === OP_HASH160 && script[1] === 20 && script[22] === OP_EQUAL) {
    return typed('p2sh', encodeBase58Address('scriptHash', script.subarray(2, 22), network))
  }
  const witness = witnessProgram(script)
  if (witness) {
    const { version, program } = witness
    const address = encodeSegwitAddress(version, program, network)
    if (version === 0 && program.length === 20) return typed('p2wpkh', address)
    if (version === 0 && program.length === 32) return typed('p2wsh', address)
    // Core: a version 0 program of another length can never be spent.
    if (version === 0) return typed('nonstandard', null)
    if (version === 1 && program.length === 32) return typed('p2tr', address)
    return typed('witness_unknown', address)
  }
  if (first === OP_RETURN) {
    return typed(isPushOnly(script, 1) ? 'nulldata' : 'nonstandard', null)
  }
  const pubKey = payToPubKey(script)
  if (pubKey) return typed('p2pk', encodeBase58Address('pubKeyHash', hash160(pubKey), network))
  if (isMultisig(script)) return typed('multisig', null)
  return typed('nonstandard', null)
}

function typed(scriptType: OutputScriptType, address: string | null): ClassifiedOutputScript {
  return { scriptType, address }
}

/** BIP 141: a version opcode then one 2..40-byte push, and nothing else. */
function witnessProgram(script: Uint8Array): { version: number; program: Uint8Array } | null {
  const size = script.length
  const first = script[0] ?? -1
  if (size < 4 || size > 42) return null
  if (first !== OP_0 && (first < OP_1 || first > OP_16)) return null
  if (script[1] !== size - 2) return null
  return { version: first === OP_0 ? 0 : first - 0x50, program: script.subarray(2) }
}

/** Size a public key must have given its first byte, as Bitcoin Core's `CPubKey::GetLen`. */
function pubKeySize(header: number | undefined): number {
  if (header === 0x02 || header === 0x03) return 33
  if (header === 0x04 || header === 0x06 || header === 0x07) return 65
  return 0
}

/** `<33- or 65-byte public key> OP_CHECKSIG`. */
function payToPubKey(script: Uint8Array): Uint8Array | null {
  const size = script[0]
  if ((size !== 33 && size !== 65) || script.length !== size + 2) return null
  if (script[size + 1] !== OP_CHECKSIG || pubKeySize(script[1]) !== size) return null
  return script.subarray(1, size + 1)
}

/** `OP_m <pubkey>… OP_n OP_CHECKMULTISIG` with 1 ≤ m ≤ n ≤ 16, n keys of valid sizes. */
function isMultisig(script: Uint8Array): boolean {
  const size = script.length
  const m = (script[0] ?? 0) - 0x50
  const n = (script[size - 2] ?? 0) - 0x50
  if (script[size - 1] !== OP_CHECKMULTISIG || m < 1 || n < m || n > 16) return false
  let pos = 1
  let keys = 0
  while (pos < size - 2) {
    const push = script[pos] ?? 0
    if (push !== 33 && push !== 65) return false
    if (pubKeySize(script[pos + 1]) !== push) return false
    pos += 1 + push
    keys += 1
  }
  return pos === size - 2 && keys === n
}

/** True when every operation from `start` on is a push (opcodes up to OP_16), as Core's IsPushOnly. */
function isPushOnly(script: Uint8Array, start: number): boolean {
  let pos = start
  while (pos < script.length) {
    const opcode = script[pos] ?? 0
    pos += 1
    if (opcode > OP_16) return false
    if (opcode > 0 && opcode < OP_PUSHDATA1) {
      pos += opcode
    } else if (opcode === OP_PUSHDATA1) {
      pos += 1 + (script[pos] ?? 0)
    } else if (opcode === OP_PUSHDATA2) {
      pos += 2 + (script[pos] ?? 0) + (script[pos + 1] ?? 0) * 0x100
    } else if (opcode === OP_PUSHDATA4) {
      const length =
        (script[pos] ?? 0) +
        (script[pos + 1] ?? 0) * 0x100 +
        (script[pos + 2] ?? 0) * 0x10000 +
        (script[pos + 3] ?? 0) * 0x1000000
      pos += 4 + length
    }
    if (pos > script.length) return false
  }
  return true
}
