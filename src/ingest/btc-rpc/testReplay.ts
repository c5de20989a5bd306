import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RpcAnswer, RpcCallSeen } from '../evm/testRpcServer.js'

type Recorded = Map<string, unknown>

/** bitcoin-etl's recorded answers: `rpc_response_<method>_<params joined by _>.json`, bare results. */
export function loadBitcoinRecorded(directories: readonly string[]): Recorded {
  const recorded: Recorded = new Map()
  for (const directory of directories) {
    for (const name of readdirSync(directory)) {
      const match = /^rpc_response_(.+)\.json$/.exec(name)
      if (match?.[1] === undefined) continue
      recorded.set(match[1], JSON.parse(readFileSync(join(directory, name), 'utf8')))
    }
  }
  return recorded
}

/**
 * Answers a Bitcoin Core client from bitcoin-etl's recordings (for tests). `getblock … 3` is the
 * recorded verbosity-2 block with each input's `prevout` taken from the recorded
 * `getrawtransaction` of the spent transaction, as Bitcoin Core 23+ adds it; an input whose spent
 * transaction is not recorded keeps none. Unknown calls get Bitcoin Core's "not found" errors.
 */
export function replayBitcoinRecorded(
  recorded: Recorded,
  fixed: Readonly<Record<string, unknown>> = {},
): (call: RpcCallSeen) => RpcAnswer {
  return (call) => {
    if (call.method === 'getblock' && call.params[1] === 3) {
      const block = recorded.get(`getblock_${String(call.params[0])}_2`)
      if (block !== undefined) return { result: withPrevouts(block, recorded) }
    }
    const key = [call.method, ...call.params.map(String)].join('_')
    if (recorded.has(key)) return { result: recorded.get(key) }
    if (Object.hasOwn(fixed, call.method)) return { result: fixed[call.method] }
    if (call.method === 'getblockhash') {
      return { error: { code: -8, message: 'Block height out of range' } }
    }
    return { error: { code: -32601, message: 'Method not found' } }
  }
}

type Vout = { n: number; value: unknown; scriptPubKey: unknown }
type Vin = { txid?: string; vout?: number; prevout?: unknown }
type Tx = { vin: Vin[]; vout: Vout[] }

function withPrevouts(block: unknown, recorded: Recorded): unknown {
  const copy = structuredClone(block) as { tx: Tx[] }
  for (const tx of copy.tx) {
    for (const input of tx.vin) {
      if (input.txid === undefined) continue
      const spent = recorded.get(`getrawtransaction_${input.txid}`) as Tx | undefined
      const output = spent?.vout.find((o) => o.n === input.vout)
      if (output === undefined) continue
      // Core 23+ writes the spent output's height and `generated` too; the ingester ignores them.
      input.prevout = {
        generated: false,
        height: 0,
        value: output.value,
        scriptPubKey: output.scriptPubKey,
      }
    }
  }
  return copy
}
