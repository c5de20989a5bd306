import { z } from 'zod'
import { satoshiOf } from './bitcoinJson.js'

/** A txid or block hash as Bitcoin Core writes it: 64 lowercase hex digits. */
export const hash = z.string().regex(/^[0-9a-f]{64}$/, 'is not a 64-hex-digit hash')
export const height = z.number().int().nonnegative()

/** BTC as text (kept exact by `parseBitcoinJson`) or an integer → satoshi. */
const amount = z.union([z.string(), z.number()]).transform((value, context) => {
  try {
    return satoshiOf(value)
  } catch {
    context.addIssue({ code: 'custom', message: `${value} is not a BTC amount` })
    return z.NEVER
  }
})

/** `address` since Bitcoin Core 22, `addresses` before (and in bitcoin-etl's recordings). */
const scriptPubKey = z.object({
  hex: z.string().regex(/^([0-9a-f]{2})*$/, 'is not hex'),
  type: z.string(),
  address: z.string().optional(),
  addresses: z.array(z.string()).optional(),
})
export type ScriptPubKey = z.output<typeof scriptPubKey>

const vout = z.object({ value: amount, n: height, scriptPubKey })

/** verbosity 3 adds the spent output to each input. */
const prevout = z.object({ value: amount, scriptPubKey })

const vin = z.union([
  z.object({ coinbase: z.string() }),
  z.object({ txid: hash, vout: height, prevout: prevout.optional() }),
])

const transaction = z.object({ txid: hash, vin: z.array(vin), vout: z.array(vout) })
export type RpcTransaction = z.output<typeof transaction>

/** `getblock <hash> 2|3`; only the fields the store keeps are checked. */
export const rpcBlock = z
  .object({
    hash,
    height,
    previousblockhash: hash.optional(),
    time: height,
    nTx: height,
    tx: z.array(transaction),
  })
  .refine((block) => block.nTx === block.tx.length, {
    message: 'nTx is not the number of transactions',
  })
  .refine((block) => block.height === 0 || block.previousblockhash !== undefined, {
    message: 'previousblockhash is missing',
  })
export type RpcBlock = z.output<typeof rpcBlock>
