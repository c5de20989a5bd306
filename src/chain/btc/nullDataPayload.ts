const OP_PUSHDATA1 = 0x4c
const OP_PUSHDATA2 = 0x4d
const OP_PUSHDATA4 = 0x4e
const OP_16 = 0x60
const OP_RETURN = 0x6a

/**
 * The bytes an OP_RETURN script pushes, concatenated, as lowercase hex (`''` when it pushes
 * none), or null for any other script. Bridges write their memos here, e.g. THORChain's
 * `OUT:<inbound hash>`; small-number opcodes (OP_0, OP_1…OP_16) push no bytes.
 *
 * @example
 * nullDataPayload(Uint8Array.from([0x6a, 0x02, 0x68, 0x69])) // '6869' ("hi")
 */
export function nullDataPayload(script: Uint8Array): string | null {
  if (script[0] !== OP_RETURN) return null
  const parts: Uint8Array[] = []
  let pos = 1
  while (pos < script.length) {
    const opcode = script[pos] ?? 0
    pos += 1
    if (opcode > OP_16) return null
    let length = 0
    if (opcode > 0 && opcode < OP_PUSHDATA1) length = opcode
    else if (opcode === OP_PUSHDATA1) {
      length = script[pos] ?? 0
      pos += 1
    } else if (opcode === OP_PUSHDATA2) {
      length = (script[pos] ?? 0) + (script[pos + 1] ?? 0) * 0x100
      pos += 2
    } else if (opcode === OP_PUSHDATA4) {
      length =
        (script[pos] ?? 0) +
        (script[pos + 1] ?? 0) * 0x100 +
        (script[pos + 2] ?? 0) * 0x10000 +
        (script[pos + 3] ?? 0) * 0x1000000
      pos += 4
    }
    if (pos + length > script.length) return null
    parts.push(script.subarray(pos, pos + length))
    pos += length
  }
  return Buffer.concat(parts).toString('hex')
}
