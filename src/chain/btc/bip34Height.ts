/**
 * The block height a coinbase scriptSig starts with (BIP 34): a minimally pushed script number.
 * Heights 0 and 1..16 are OP_0 and OP_1..OP_16, as Bitcoin Core's `CScript() << nHeight` writes
 * them (regtest); larger ones a 1..5-byte little-endian push. Null when the script does not start
 * with a non-negative number.
 */
export function bip34Height(scriptSig: Uint8Array): number | null {
  const opcode = scriptSig[0]
  if (opcode === undefined) return null
  if (opcode === 0x00) return 0
  if (opcode >= 0x51 && opcode <= 0x60) return opcode - 0x50
  // Heights below 2^39 fit in 5 bytes; longer pushes are extranonces, not heights.
  if (opcode < 1 || opcode > 5 || scriptSig.length < 1 + opcode) return null
  const last = scriptSig[opcode] ?? 0
  if (last & 0x80) return null
  let height = 0
  for (let i = opcode; i >= 1; i--) height = height * 256 + (scriptSig[i] ?? 0)
  return height
}
