import { createRoute, z } from '@hono/zod-openapi'
import { seedChain, type TraceSeed, type TraceStoreParameters } from '../tracing/index.js'
import {
  bitcoinAddressSchema,
  hexSchema,
  traceLimitFields,
  traceLimitsOf,
  traceResponses,
} from './schemas.js'

const hex = hexSchema
const bitcoinAddress = bitcoinAddressSchema
const chainName = z.enum(['ethereum', 'bitcoin'])

export const traceRequestSchema = z
  .object({
    chain: z
      .union([z.enum(['all', 'ethereum', 'bitcoin']), z.array(chainName).min(1).max(2)])
      .default('all')
      .openapi({
        description:
          'all: ethereum, then bitcoin through bridge deposits; a seed without a chain is ethereum when its hash or address is 0x hex, else bitcoin',
      }),
    seeds: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('transfer'),
            chain: z.literal('ethereum').optional(),
            txHash: hex(32),
            position: z.string().max(100).optional(),
          }),
          z.object({
            kind: z.literal('output'),
            chain: z.literal('bitcoin').optional(),
            txHash: z.string().regex(/^[0-9a-fA-F]{64}$/),
            outputIndex: z.number().int().min(0).optional(),
          }),
          z.object({
            kind: z.literal('address'),
            chain: chainName.optional(),
            address: z.union([hex(20), bitcoinAddress]),
            sinceBlock: z.number().int().min(0),
            asset: z.string().max(100).optional(),
          }),
        ]),
      )
      .min(1)
      .max(1000),
    policy: z.enum(['poison', 'haircut', 'fifo']),
    ...traceLimitFields,
    bridgeWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 60 * 60)
      .optional(),
  })
  .openapi('TraceRequest')

export type TraceRequest = z.infer<typeof traceRequestSchema>

/** The `traceStore` parameters of a validated request, with the same seed rules as the CLI. */
export function traceParametersOf(body: TraceRequest): TraceStoreParameters {
  const seeds = body.seeds.map((seed): TraceSeed => {
    if (seed.kind === 'transfer') {
      return {
        kind: 'transfer',
        chain: 'ethereum',
        txHash: seed.txHash.toLowerCase(),
        ...(seed.position === undefined ? {} : { position: seed.position }),
      }
    }
    if (seed.kind === 'output') {
      return {
        kind: 'output',
        chain: 'bitcoin',
        txHash: seed.txHash.toLowerCase(),
        ...(seed.outputIndex === undefined ? {} : { outputIndex: seed.outputIndex }),
      }
    }
    const chain = seed.chain ?? seedChain(body.chain, { address: seed.address })
    return {
      kind: 'address',
      chain,
      // Base58 is case-sensitive: Bitcoin addresses are kept as given.
      address: chain === 'bitcoin' ? seed.address : seed.address.toLowerCase(),
      sinceBlock: seed.sinceBlock,
      ...(seed.asset === undefined ? {} : { asset: seed.asset.toLowerCase() }),
    }
  })
  return {
    chain: body.chain,
    policy: body.policy,
    seeds,
    ...traceLimitsOf(body),
    ...(body.bridgeWindowSeconds === undefined
      ? {}
      : { bridgeWindowSeconds: body.bridgeWindowSeconds }),
  }
}

export const traceRoute = createRoute({
  method: 'post',
  path: '/v1/trace',
  summary:
    'Forward taint trace over the stored transfers, swaps, bridge deposits and Bitcoin transactions (docs/tracing.md); same JSON as `chainwatch trace --json`',
  request: {
    body: { required: true, content: { 'application/json': { schema: traceRequestSchema } } },
  },
  responses: traceResponses(
    'The manifest (with the SHA-256 of the canonical result) and the result; amounts are decimal strings',
  ),
})
