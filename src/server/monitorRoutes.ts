import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { ChainwatchError } from '../errors/index.js'
import {
  decidedJson,
  MAX_EVENTS_PER_REQUEST,
  type Monitor,
  monitorRequestSchema,
  parseMonitorRequest,
} from '../monitoring/index.js'
import {
  alertFilterOf,
  alertJson,
  alertQuerySchema,
  alertSchema,
  decidedSchema,
} from './monitorSchemas.js'
import { errorSchema } from './schemas.js'

const errors = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
  413: { description: 'Too large', content: { 'application/json': { schema: errorSchema } } },
  503: {
    description: 'Store unreachable',
    content: { 'application/json': { schema: errorSchema } },
  },
}

export const monitorEventsRoute = createRoute({
  method: 'post',
  path: '/v1/monitor/events',
  summary: `Decide deposits and withdrawals (one event or up to ${MAX_EVENTS_PER_REQUEST}): allow, review or hold`,
  request: {
    body: { required: true, content: { 'application/json': { schema: monitorRequestSchema } } },
  },
  responses: {
    200: {
      description: 'One decision per event, in request order; stored before this answer',
      content: { 'application/json': { schema: z.object({ results: z.array(decidedSchema) }) } },
    },
    ...errors,
  },
})

export const alertsRoute = createRoute({
  method: 'get',
  path: '/v1/alerts',
  summary: 'Alerts raised by monitoring, newest first',
  request: { query: alertQuerySchema },
  responses: {
    200: {
      description: 'A page of alerts',
      content: {
        'application/json': {
          schema: z.object({ alerts: z.array(alertSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...errors,
  },
})

/** Registers the monitoring routes on the server. */
export function registerMonitorRoutes(app: OpenAPIHono, monitor: () => Monitor): void {
  app.openapi(
    monitorEventsRoute,
    async (c) => {
      const events = parseMonitorRequest(c.req.valid('json'))
      const decided = await monitor().decide(events)
      return c.json({ results: decided.map(decidedJson) }, 200)
    },
    (result) => {
      // The schema describes the body for OpenAPI; the reasons come from one parser that names
      // the event and the field (it throws; onError renders it). The validator passes the raw
      // body as `data` beside a failed result.
      if (result.success) return undefined
      parseMonitorRequest('data' in result ? result.data : undefined)
      throw new ChainwatchError('input.invalid', 'The request body is not a monitoring event.')
    },
  )
  app.openapi(alertsRoute, async (c) => {
    const page = await monitor().alerts(alertFilterOf(c.req.valid('query')))
    return c.json({ alerts: page.alerts.map(alertJson), nextCursor: page.nextCursor }, 200)
  })
}
