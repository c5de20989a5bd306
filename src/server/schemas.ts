import { z } from '@hono/zod-openapi'

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
