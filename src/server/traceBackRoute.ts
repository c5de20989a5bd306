import { createRoute, z } from '@hono/zod-openapi'
import { categories } from '../screening/index.js'
import type { BackwardTarget, TraceStoreBackwardParameters } from '../tracing/index.js'
import { bitcoinAddressSchema, hexSchema, traceResponses } from './schemas.js'

const hex = hexSchema
const bitcoinAddress = bitcoinAddressSchema

export const traceBackRequestSchema = z
  .object({
    chain: z.enum(['ethereum', 'bitcoin']).default('ethereum'),
    targets: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('address'),
            address: z.union([hex(20), bitcoinAddress]),
            asset: z.string().max(100).optional(),
          }),
          z.object({
            kind: z.literal('transfer'),
            txHash: hex(32),
            position: z.string().max(100).optional(),
          }),
          z.object({
            kind: z.literal('output'),
            txHash: z.string().regex(/^[0-9a-fA-F]{64}$/),
            outputIndex: z.number().int().min(0).optional(),
          }),
        ]),
      )
      .min(1)
      .max(1000)
      .openapi({
        description:
          'address: its holding at the end of the window; transfer (ethereum) or output (bitcoin): the value it moved',
      }),
    policy: z.enum(['poison', 'haircut', 'fifo']),
    stopCategories: z.array(z.enum(categories)).optional(),
    maxHops: z.number().int().min(0).max(1000).optional(),
    dust: z
      .string()
      .regex(/^\d{1,78}$/)
      .optional(),
    fromBlock: z.number().int().min(0).optional(),
    toBlock: z.number().int().min(0).optional(),
  })
  .openapi('TraceBackRequest')

export type TraceBackRequest = z.infer<typeof traceBackRequestSchema>

/** The `traceStoreBackward` parameters of a validated request, with the CLI's target rules. */
export function traceBackParametersOf(body: TraceBackRequest): TraceStoreBackwardParameters {
  const { chain } = body
  const targets = body.targets.map((target): BackwardTarget => {
    if (target.kind === 'address') {
      return {
        kind: 'address',
        chain,
        // Base58 is case-sensitive: Bitcoin addresses are kept as given.
        address: chain === 'bitcoin' ? target.address : target.address.toLowerCase(),
        ...(target.asset === undefined ? {} : { asset: target.asset.toLowerCase() }),
      }
    }
    if (target.kind === 'transfer') {
      return {
        kind: 'transfer',
        chain,
        txHash: target.txHash.toLowerCase(),
        ...(target.position === undefined ? {} : { position: target.position }),
      }
    }
    return {
      kind: 'output',
      chain,
      txHash: target.txHash.toLowerCase(),
      ...(target.outputIndex === undefined ? {} : { outputIndex: target.outputIndex }),
    }
  })
  return {
    chain,
    targets,
    policy: body.policy,
    ...(body.stopCategories === undefined ? {} : { stopCategories: body.stopCategories }),
    ...(body.maxHops === undefined ? {} : { maxHops: body.maxHops }),
    ...(body.dust === undefined ? {} : { dust: BigInt(body.dust) }),
    ...(body.fromBlock === undefined ? {} : { fromBlock: body.fromBlock }),
    ...(body.toBlock === undefined ? {} : { toBlock: body.toBlock }),
  }
}

export const traceBackRoute = createRoute({
  method: 'post',
  path: '/v1/trace/backward',
  summary:
    'Backward trace: where the value at the targets came from (docs/tracing.md, "Backward tracing"); same JSON as `chainwatch trace-back --json`',
  request: {
    body: { required: true, content: { 'application/json': { schema: traceBackRequestSchema } } },
  },
  responses: traceResponses(
    'The manifest (with the SHA-256 of the canonical result) and the result: sources, stops reached, transfers, totals; amounts are decimal strings',
  ),
})
