import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import {
  createMonitor,
  defaultRulePackDir,
  loadRulePackOrThrow,
  type Monitor,
  watchRulePack,
} from '../monitoring/index.js'
import { screenAddresses, toJsonResults } from '../screening/index.js'
import type { Store } from '../store/index.js'
import { canonicalJson, traceStore, traceStoreBackward } from '../tracing/index.js'
import { ingestStatusBody, ingestStatusRoute } from './ingestStatusRoute.js'
import { registerMonitorRoutes } from './monitorRoutes.js'
import { type ErrorLog, onError } from './onError.js'
import { registerRetroHuntRoute } from './retroHuntRoute.js'
import { errorSchema, healthSchema, statsSchema } from './schemas.js'
import { screenRoute } from './screenRoute.js'
import { traceBackParametersOf, traceBackRoute } from './traceBackRoute.js'
import { traceParametersOf, traceRoute } from './traceRoute.js'

export type ServerDeps = {
  readonly store: Pick<
    Store,
    | 'dialect'
    | 'ping'
    | 'stats'
    | 'designations'
    | 'counterparties'
    | 'transfersInOrder'
    | 'utxoTransactionsInOrder'
    | 'swapsInOrder'
    | 'bridgeDepositsInOrder'
    | 'paymentsTo'
    | 'activeDesignations'
    | 'ingestStatus'
    | 'utxoTransactions'
    | 'accountEvents'
    | 'recordMonitorDecision'
    | 'monitorDecision'
    | 'alerts'
    | 'monitorEventsByCounterparty'
    | 'recordRetroAlerts'
  >
  /**
   * Monitoring; by default one over `store` with the shipped rule pack, loaded on first use and
   * hot-reloaded (a broken edit is logged and the last good pack stays in force).
   */
  readonly monitor?: Monitor
  readonly version: string
  readonly log: ErrorLog
}

/** Requests larger than this are refused with 413 before any handler reads them. */
const MAX_BODY_BYTES = 1024 * 1024

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and store reachability',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: healthSchema } } },
    503: {
      description: 'Store unreachable',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
})

const statsRoute = createRoute({
  method: 'get',
  path: '/v1/stats',
  summary: 'Per-chain counts and per-asset sums, to reconcile imports',
  responses: {
    200: { description: 'Stats', content: { 'application/json': { schema: statsSchema } } },
    503: {
      description: 'Store unreachable',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
})

/**
 * Builds the HTTP API (Hono) over the app's parts; `GET /openapi.json` describes it.
 *
 * @example
 * const server = createServer({ store, version: '0.1.0', log: console.error })
 * await server.request('/health') // 200 { status: 'ok', store: 'sqlite', … }
 */
export function createServer(deps: ServerDeps) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          {
            error: {
              code: 'input.invalid',
              message: 'Request is invalid.',
              meta: { issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
            },
          },
          400,
        )
      }
      return undefined
    },
  })
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES }))
  app.onError(onError(deps.log))
  app.notFound((c) =>
    c.json(
      {
        error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.`, meta: {} },
      },
      404,
    ),
  )

  app.openapi(healthRoute, async (c) => {
    await deps.store.ping()
    return c.json({ status: 'ok' as const, store: deps.store.dialect, version: deps.version }, 200)
  })

  app.openapi(statsRoute, async (c) => {
    const chains = await deps.store.stats()
    return c.json({ chains: chains.map((s) => ({ ...s, assets: { ...s.assets } })) }, 200)
  })

  app.openapi(ingestStatusRoute, async (c) => {
    return c.json(ingestStatusBody(await deps.store.ingestStatus()), 200)
  })

  app.openapi(screenRoute, async (c) => {
    const { addresses, hops, hubLimit } = c.req.valid('json')
    const results = await screenAddresses(
      { store: deps.store },
      {
        addresses,
        ...(hops === undefined ? {} : { hops }),
        ...(hubLimit === undefined ? {} : { hubLimit }),
      },
    )
    return c.json({ results: toJsonResults(results) }, 200)
  })

  app.openapi(traceRoute, async (c) => {
    const body = c.req.valid('json')
    const trace = await traceStore({ store: deps.store }, traceParametersOf(body))
    return c.json(JSON.parse(canonicalJson(trace)), 200)
  })

  app.openapi(traceBackRoute, async (c) => {
    const body = c.req.valid('json')
    const trace = await traceStoreBackward({ store: deps.store }, traceBackParametersOf(body))
    return c.json(JSON.parse(canonicalJson(trace)), 200)
  })

  let monitor = deps.monitor
  registerMonitorRoutes(app, () => {
    if (monitor === undefined) {
      const watched = watchRulePack(defaultRulePackDir, loadRulePackOrThrow(), {
        onReload: (result) => {
          if (result.status === 'rejected') deps.log('rule pack edit rejected', result.errors)
        },
      })
      monitor = createMonitor({ store: deps.store, rules: watched.current })
    }
    return monitor
  })

  registerRetroHuntRoute(app, deps.store)

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Chainwatch API', version: deps.version },
  })
  return app
}

export type ChainwatchServer = ReturnType<typeof createServer>
