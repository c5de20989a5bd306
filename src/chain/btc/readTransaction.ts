import {
  at,
  type Cursor,
  fail,
  readCount,
  readU8,
  readU32,
  readU64,
  readVarBytes,
  skip,
} from './Cursor.js'
import type { DecodedInput, DecodedOutput, DecodedTransaction } from './DecodedBlock.js'
import { hash256, isAllZero, reversedHex } from './hashes.js'

/** 21 million BTC in satoshi: no output may hold more (Bitcoin Core's MAX_MONEY). */
const maxMoney = 2_100_000_000_000_000n
/** Outpoint (36) + empty script (1) + sequence (4). */
const minInputSize = 41
/** Value (8) + empty script (1). */
const minOutputSize = 9
const noWitness: readonly Uint8Array[] = Object.freeze([])

type RawInput = {
  /** Offset of the spent txid: a view per input would cost a garbage-collected object. */
  readonly prevHashAt: number
  readonly vout: number
  readonly scriptSig: Uint8Array
  readonly sequence: number
}

/** Reads one serialized transaction (BIP 144 aware) and returns it with its raw txid bytes. */
export function readTransaction(cursor: Cursor): {
  readonly transaction: DecodedTransaction
  readonly hash: Uint8Array
} {
  const { bytes } = cursor
  const start = cursor.pos
  at(cursor, 'version')
  const version = readU32(cursor)
  let segwit = false
  if (bytes[cursor.pos] === 0) {
    // 0x00 cannot be an input count (a transaction needs inputs): it is the segwit marker.
    at(cursor, 'segwit flag')
    cursor.pos += 1
    const flag = readU8(cursor)
    if (flag !== 1) fail(cursor, `unknown segwit flag ${flag}`, cursor.pos - 1)
    segwit = true
  }
  const bodyStart = cursor.pos
  at(cursor, 'input count')
  const inputCount = readCount(cursor, minInputSize, 'input')
  if (inputCount === 0) fail(cursor, 'a transaction needs at least one input', bodyStart)
  const rawInputs: RawInput[] = []
  for (let i = 0; i < inputCount; i++) {
    at(cursor, 'input', i, 'outpoint')
    const prevHashAt = cursor.pos
    skip(cursor, 32)
    const vout = readU32(cursor)
    at(cursor, 'input', i, 'script')
    const scriptSig = readVarBytes(cursor)
    at(cursor, 'input', i, 'sequence')
    rawInputs.push({ prevHashAt, vout, scriptSig, sequence: readU32(cursor) })
  }
  at(cursor, 'output count')
  const outputCountStart = cursor.pos
  const outputCount = readCount(cursor, minOutputSize, 'output')
  if (outputCount === 0) fail(cursor, 'a transaction needs at least one output', outputCountStart)
  const outputs: DecodedOutput[] = []
  for (let i = 0; i < outputCount; i++) {
    at(cursor, 'output', i, 'value')
    const value = readU64(cursor)
    if (value > maxMoney) fail(cursor, `value ${value} exceeds 21 million BTC`, cursor.pos - 8)
    at(cursor, 'output', i, 'script')
    outputs.push({ value, scriptPubKey: readVarBytes(cursor) })
  }
  const bodyEnd = cursor.pos
  const witnesses = segwit ? readWitnesses(cursor, inputCount) : undefined
  at(cursor, 'lock time')
  const lockTime = readU32(cursor)
  const end = cursor.pos

  const hash = segwit
    ? hash256(
        bytes.subarray(start, start + 4),
        bytes.subarray(bodyStart, bodyEnd),
        bytes.subarray(end - 4, end),
      )
    : hash256(bytes.subarray(start, end))
  // A coinbase has exactly one input, spending the null outpoint (Bitcoin Core's IsCoinBase).
  const coinbase =
    rawInputs.length === 1 &&
    rawInputs.every(
      (input) =>
        input.vout === 0xffffffff && isAllZero(bytes, input.prevHashAt, input.prevHashAt + 32),
    )
  const inputs = rawInputs.map(
    (input, i): DecodedInput => ({
      prevTxid: reversedHex(bytes, input.prevHashAt, input.prevHashAt + 32),
      vout: input.vout,
      coinbase,
      scriptSig: input.scriptSig,
      sequence: input.sequence,
      witness: witnesses?.[i] ?? noWitness,
    }),
  )
  const size = end - start
  const baseSize = 8 + bodyEnd - bodyStart
  return {
    transaction: {
      txid: reversedHex(hash),
      version,
      lockTime,
      segwit,
      size,
      vsize: Math.ceil((baseSize * 3 + size) / 4),
      inputs,
      outputs,
    },
    hash,
  }
}

function readWitnesses(cursor: Cursor, inputCount: number): (readonly Uint8Array[])[] {
  const witnesses: (readonly Uint8Array[])[] = []
  let empty = true
  const start = cursor.pos
  for (let i = 0; i < inputCount; i++) {
    at(cursor, 'witness', i, 'item count')
    const itemCount = readCount(cursor, 1, 'witness item')
    if (itemCount === 0) {
      witnesses.push(noWitness)
      continue
    }
    empty = false
    const items: Uint8Array[] = []
    for (let j = 0; j < itemCount; j++) {
      at(cursor, 'witness', i, `item ${j}`)
      items.push(readVarBytes(cursor))
    }
    witnesses.push(items)
  }
  // Bitcoin Core rejects a segwit serialization whose witnesses are all empty.
  if (empty) fail(cursor, 'segwit flag set but every witness is empty', start)
  return witnesses
}
