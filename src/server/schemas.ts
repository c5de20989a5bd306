import { z } from '@hono/zod-openapi'
import { type Category, categories } from '../screening/index.js'

/** `0x` and `bytes` bytes of hex (addresses 20, hashes 32). */
export const hexSchema = (bytes: number) =>
  z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`))

/** The shape of a Bitcoin address (base58 P2PKH/P2SH or bech32/bech32m); checksums are checked later. */
export const bitcoinAddressSchema = z
  .string()
  .regex(/^([13][1-9A-HJ-NP-Za-km-z]{25,34}|(bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})$/)

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'input.invalid' }),
      message: z.string(),
      meta: z.record(z.string(), z.unknown()),
      details: z.string().optional(),
    }),
  })
  .openapi('Error')

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    store: z.enum(['sqlite', 'postgres']),
    version: z.string(),
  })
  .openapi('Health')

export const chainStatsSchema = z
  .object({
    chain: z.string().openapi({ example: 'bitcoin' }),
    blocks: z.number().int(),
    transactions: z.number().int(),
    inputs: z.number().int(),
    outputs: z.number().int(),
    native_transfers: z.number().int(),
    internal_transfers: z.number().int(),
    token_transfers: z.number().int(),
    swaps: z.number().int().openapi({ description: 'DEX swaps (Uniswap V2/V3 Swap logs).' }),
    bridge_deposits: z
      .number()
      .int()
      .openapi({ description: 'Bridge-router deposits (THORChain-style Deposit logs).' }),
    addresses: z.number().int(),
    assets: z
      .record(z.string(), z.string().regex(/^\d+$/))
      .openapi({ description: 'Summed amount per asset in base units, as a decimal string.' }),
  })
  .openapi('ChainStats')

export const statsSchema = z.object({ chains: z.array(chainStatsSchema) }).openapi('Stats')

/** The responses of both trace routes: the canonical `{ manifest, result }`, or a 400. */
export function traceResponses(description: string) {
  return {
    200: {
      description,
      content: {
        'application/json': {
          schema: z.object({
            manifest: z.record(z.string(), z.unknown()),
            result: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    400: {
      description: 'Invalid request',
      content: { 'application/json': { schema: errorSchema } },
    },
  }
}

/** The stops, hop limit, dust and block window of both trace requests. */
export const traceLimitFields = {
  stopCategories: z.array(z.enum(categories)).optional(),
  maxHops: z.number().int().min(0).max(1000).optional(),
  dust: z
    .string()
    .regex(/^\d{1,78}$/)
    .optional(),
  fromBlock: z.number().int().min(0).optional(),
  toBlock: z.number().int().min(0).optional(),
}

/** The trace parameters of those fields, as given. */
export function traceLimitsOf(body: {
  readonly stopCategories?: Category[] | undefined
  readonly maxHops?: number | undefined
  readonly dust?: string | undefined
  readonly fromBlock?: number | undefined
  readonly toBlock?: number | undefined
}) {
  return {
    ...(body.stopCategories === undefined ? {} : { stopCategories: body.stopCategories }),
    ...(body.maxHops === undefined ? {} : { maxHops: body.maxHops }),
    ...(body.dust === undefined ? {} : { dust: BigInt(body.dust) }),
    ...(body.fromBlock === undefined ? {} : { fromBlock: body.fromBlock }),
    ...(body.toBlock === undefined ? {} : { toBlock: body.toBlock }),
  }
}
