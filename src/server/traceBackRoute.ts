import { createRoute, z } from '@hono/zod-openapi'
import type { BackwardTarget, TraceStoreBackwardParameters } from '../tracing/index.js'
import {
  bitcoinAddressSchema,
  hexSchema,
  traceLimitFields,
  traceLimitsOf,
  traceResponses,
} from './schemas.js'

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
    ...traceLimitFields,
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
    ...traceLimitsOf(body),
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
