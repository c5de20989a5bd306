import { z } from 'zod'

/**
 * Shapes of the JSON-RPC responses the EVM ingester reads, checked where they enter. Only the
 * fields we use are declared (others pass through unread); quantities become bigint, addresses
 * and hashes lowercase. Field names follow the Ethereum JSON-RPC spec and geth/Parity traces.
 */

const HEX = /^0x[0-9a-fA-F]*$/

/** A hex quantity (`0x1a`); some nodes write zero as `0x`. */
export const quantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]{0,64}$/, 'not a hex quantity')
  .transform((text) => (text === '0x' ? 0n : BigInt(text)))

/** A quantity that must fit a JavaScript number (block numbers, indexes). */
export const smallQuantity = quantity
  .pipe(z.bigint().max(BigInt(Number.MAX_SAFE_INTEGER), 'too large'))
  .transform(Number)

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'not a 20-byte address')
  .transform((text) => text.toLowerCase())

export const hash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte hash')
  .transform((text) => text.toLowerCase())

const hexData = z
  .string()
  .regex(HEX, 'not hex data')
  .refine((text) => text.length % 2 === 0, 'odd number of hex digits')
  .transform((text) => text.toLowerCase() as `0x${string}`)

export const rpcTransaction = z.object({
  hash,
  from: address,
  /** null for a contract creation. */
  to: address.nullable().optional(),
  value: quantity,
  transactionIndex: smallQuantity,
  /** Legacy price; EIP-1559 transactions report the effective price here on most nodes. */
  gasPrice: quantity.optional(),
})
export type RpcTransaction = z.output<typeof rpcTransaction>

/** `eth_getBlockByNumber(n, true)`: a block with its full transactions. */
export const rpcBlock = z.object({
  number: smallQuantity,
  hash,
  parentHash: hash,
  timestamp: smallQuantity,
  transactions: z.array(rpcTransaction),
})
export type RpcBlock = z.output<typeof rpcBlock>

export const rpcLog = z.object({
  address,
  topics: z.array(hash.transform((topic) => topic as `0x${string}`)),
  data: hexData,
  logIndex: smallQuantity,
  transactionHash: hash,
  transactionIndex: smallQuantity,
  /** true when the log was dropped by a reorganisation. */
  removed: z.boolean().optional(),
})
export type RpcLog = z.output<typeof rpcLog>

export const rpcReceipt = z.object({
  transactionHash: hash,
  transactionIndex: smallQuantity,
  blockHash: hash,
  /** `0x1` success, `0x0` reverted; absent before Byzantium (a state root instead). */
  status: quantity.nullable().optional(),
  gasUsed: quantity,
  effectiveGasPrice: quantity.nullable().optional(),
  contractAddress: address.nullable().optional(),
  blobGasUsed: quantity.nullable().optional(),
  blobGasPrice: quantity.nullable().optional(),
  logs: z.array(rpcLog),
})
export type RpcReceipt = z.output<typeof rpcReceipt>

/** A geth `callTracer` frame; old geth writes SELFDESTRUCT frames without from/to/value. */
export type CallFrame = {
  readonly type: string
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly value?: bigint | undefined
  readonly error?: string | undefined
  readonly calls?: readonly CallFrame[] | undefined
}

export const callFrame: z.ZodType<CallFrame> = z.object({
  type: z.string(),
  from: address.optional(),
  to: address.optional(),
  value: quantity
    .nullable()
    .optional()
    .transform((value) => value ?? undefined),
  error: z.string().optional(),
  get calls() {
    return z.array(callFrame).optional()
  },
})

/** `debug_traceBlockByNumber(n, { tracer: 'callTracer' })`: one entry per transaction. */
export const gethBlockTraces = z.array(
  z.object({
    /** Newer geth names the transaction; older geth gives the frames in transaction order only. */
    txHash: hash.optional(),
    result: callFrame.optional(),
    /** The tracer failed for this transaction (timeout, …). */
    error: z.string().optional(),
  }),
)
export type GethBlockTraces = z.output<typeof gethBlockTraces>

/** One Parity/OpenEthereum/Erigon/Reth `trace_block` entry. */
export const parityTrace = z.object({
  type: z.string(),
  action: z.object({
    callType: z.string().optional(),
    from: address.optional(),
    to: address.nullable().optional(),
    value: quantity.optional(),
    /** suicide */
    address: address.optional(),
    refundAddress: address.optional(),
    balance: quantity.optional(),
  }),
  result: z.object({ address: address.optional() }).nullable().optional(),
  error: z.string().optional(),
  traceAddress: z.array(z.number().int().nonnegative()),
  transactionHash: hash.nullable().optional(),
  transactionPosition: z.number().int().nonnegative().nullable().optional(),
})
export type ParityTrace = z.output<typeof parityTrace>

export const parityBlockTraces = z.array(parityTrace)
