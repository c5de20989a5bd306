import { createRoute, z } from '@hono/zod-openapi'
import { categories } from '../screening/index.js'
import { errorSchema } from './schemas.js'

const hex = (bytes: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`))

export const traceRequestSchema = z
  .object({
    chain: z.literal('ethereum').default('ethereum'),
    seeds: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('transfer'),
            txHash: hex(32),
            position: z.string().max(100).optional(),
          }),
          z.object({
            kind: z.literal('address'),
            address: hex(20),
            sinceBlock: z.number().int().min(0),
            asset: z.string().max(100).optional(),
          }),
        ]),
      )
      .min(1)
      .max(1000),
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
  .openapi('TraceRequest')

export const traceRoute = createRoute({
  method: 'post',
  path: '/v1/trace',
  summary:
    'Forward taint trace over the stored transfers (docs/tracing.md); same JSON as `chainwatch trace --json`',
  request: {
    body: { required: true, content: { 'application/json': { schema: traceRequestSchema } } },
  },
  responses: {
    200: {
      description:
        'The manifest (with the SHA-256 of the canonical result) and the result; amounts are decimal strings',
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
  },
})
