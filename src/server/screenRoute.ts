import { createRoute, z } from '@hono/zod-openapi'
import { MAX_BATCH, MAX_HOPS } from '../screening/index.js'
import { errorSchema } from './schemas.js'

const designationSchema = z
  .object({
    list: z.string(),
    kind: z.string(),
    source: z.string(),
    chain: z.string(),
    address: z.string(),
    asset: z.string().nullable(),
    category: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    programmes: z.array(z.string()),
    confidence: z.number(),
    label: z.string().nullable(),
    since: z.string(),
    until: z.string().nullable(),
  })
  .openapi('Designation')

const exposureSchema = z
  .object({
    direction: z.enum(['incoming', 'outgoing']),
    hops: z.number().int(),
    address: z.string(),
    category: z.string(),
    list: z.string(),
    entity: z.string().nullable(),
    asset: z.string(),
    amount: z.string().openapi({ description: 'Base units, decimal string' }),
    path: z.array(z.string()),
  })
  .openapi('Exposure')

export const screeningResultSchema = z
  .union([
    z.object({
      input: z.string(),
      chain: z.string(),
      address: z.string(),
      risk: z.object({
        level: z.enum(['severe', 'high', 'medium', 'low', 'none']),
        rule: z.string(),
      }),
      direct: z.array(designationSchema),
      exposures: z.array(exposureSchema),
      capped: z.array(
        z.object({
          address: z.string(),
          direction: z.enum(['incoming', 'outgoing']),
          counterparties: z.number().int(),
          followed: z.number().int(),
        }),
      ),
    }),
    z.object({ input: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
  ])
  .openapi('ScreeningResult')

export const screenRoute = createRoute({
  method: 'post',
  path: '/v1/screen',
  summary: 'Screen up to 10,000 addresses: direct designations and n-hop exposure',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              addresses: z.array(z.string().max(200)).min(1).max(MAX_BATCH),
              hops: z.number().int().min(0).max(MAX_HOPS).optional(),
              hubLimit: z.number().int().min(1).max(10_000).optional(),
            })
            .openapi('ScreenRequest'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'One result per address, in request order',
      content: {
        'application/json': { schema: z.object({ results: z.array(screeningResultSchema) }) },
      },
    },
    400: {
      description: 'Invalid request',
      content: { 'application/json': { schema: errorSchema } },
    },
    413: { description: 'Too large', content: { 'application/json': { schema: errorSchema } } },
  },
})
