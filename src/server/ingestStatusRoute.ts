import { createRoute, z } from '@hono/zod-openapi'
import type { IngestStatus } from '../store/index.js'
import { errorSchema } from './schemas.js'

const chainStatusSchema = z
  .object({
    chain: z.string(),
    source: z.string().openapi({ description: 'The node, redacted: rpc:http://host:8545' }),
    storeTip: z
      .object({
        height: z.number().int(),
        hash: z.string(),
        time: z.number().int().nullable().openapi({ description: 'Unix seconds' }),
      })
      .nullable(),
    nodeTip: z.number().int().nullable(),
    lag: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'nodeTip − storeTip height, in blocks' }),
    blocksPerSecond: z.number().nullable(),
    updatedAt: z.string().openapi({ description: 'ISO 8601: when the ingester last wrote' }),
  })
  .openapi('IngestChainStatus')

export const ingestStatusSchema = z
  .object({ chains: z.array(chainStatusSchema) })
  .openapi('IngestStatus')

export const ingestStatusRoute = createRoute({
  method: 'get',
  path: '/v1/ingest/status',
  summary: 'Live ingest per chain: store tip, node tip, lag and rate, as of the last batch',
  responses: {
    200: {
      description: 'One entry per chain a live ingester has written',
      content: { 'application/json': { schema: ingestStatusSchema } },
    },
    503: {
      description: 'Store unreachable',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
})

/** The response body for the stored status rows. */
export function ingestStatusBody(
  rows: readonly IngestStatus[],
): z.infer<typeof ingestStatusSchema> {
  return {
    chains: rows.map((row) => ({
      chain: row.chain,
      source: row.source,
      storeTip:
        row.storeTip === null || row.storeTipHash === null
          ? null
          : { height: row.storeTip, hash: row.storeTipHash, time: row.storeTipTime },
      nodeTip: row.nodeTip,
      lag: row.nodeTip === null || row.storeTip === null ? null : row.nodeTip - row.storeTip,
      blocksPerSecond: row.blocksPerSecond,
      updatedAt: row.updatedAt,
    })),
  }
}
