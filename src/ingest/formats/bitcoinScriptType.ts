/** bitcoind's `scriptPubKey.type` names (as bitcoin-etl exports them) → the model's names. */
const SCRIPT_TYPES: ReadonlyMap<string, string> = new Map([
  ['pubkeyhash', 'p2pkh'],
  ['scripthash', 'p2sh'],
  ['witness_v0_keyhash', 'p2wpkh'],
  ['witness_v0_scripthash', 'p2wsh'],
  ['witness_v1_taproot', 'p2tr'],
  ['pubkey', 'p2pk'],
  ['multisig', 'multisig'],
  ['nulldata', 'nulldata'],
  ['nonstandard', 'nonstandard'],
  ['witness_unknown', 'witness_unknown'],
  // Bitcoin Core 28 names pay-to-anchor; older nodes call the same script witness_unknown.
  ['anchor', 'witness_unknown'],
])

const NULLDATA = /^6a/
const P2PK = /^(?:21[0-9a-f]{66}|41[0-9a-f]{130})ac$/
const BARE_MULTISIG = /^(?:5[1-9a-f]|60)(?:21[0-9a-f]{66}|41[0-9a-f]{130})+(?:5[1-9a-f]|60)ae$/

/**
 * Our script type for a bitcoin-etl output type, or undefined for a name we do not know.
 * bitcoin-etl labels every output without addresses `nonstandard` (OP_RETURN included, and
 * since Bitcoin Core 22 also P2PK and bare multisig), so for those we look at the script.
 */
export function bitcoinScriptType(type: string, scriptHex: string | null): string | undefined {
  const mapped = SCRIPT_TYPES.get(type)
  if (mapped !== 'nonstandard' || scriptHex === null) return mapped
  const script = scriptHex.toLowerCase()
  if (NULLDATA.test(script)) return 'nulldata'
  if (P2PK.test(script)) return 'p2pk'
  if (BARE_MULTISIG.test(script)) return 'multisig'
  return 'nonstandard'
}
