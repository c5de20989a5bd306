import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { detectAddressChain, normalizeAddress } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { DEFAULT_RETRO_HUNT_DAYS, retroHunt } from '../monitoring/index.js'
import type { Store } from '../store/index.js'
import { errorSchema } from './schemas.js'

const MAX_ADDRESSES = 1_000

const retroHuntBodySchema = z
  .object({
    addresses: z.array(z.string().min(1)).min(1).max(MAX_ADDRESSES).optional().openapi({
      description: 'Indicators: re-screen against these addresses’ active designations',
    }),
    list: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Only designations of this list (alone: every active one of it)' }),
    days: z
      .number()
      .positive()
      .max(3650)
      .optional()
      .openapi({ description: `Window in days, default ${DEFAULT_RETRO_HUNT_DAYS}` }),
  })
  .strict()
  .openapi('RetroHuntRequest')

const retroHuntResultSchema = z
  .object({
    designations: z.number().int(),
    events: z.number().int(),
    alerts: z.number().int(),
    alreadyAlerted: z.number().int(),
    since: z.number().int(),
    elapsedMs: z.number(),
  })
  .openapi('RetroHuntResult')

export const retroHuntRoute = createRoute({
  method: 'post',
  path: '/v1/monitor/retro-hunt',
  summary:
    'Re-screen the last N days of monitored events against active designations; raise alerts',
  request: {
    body: { required: true, content: { 'application/json': { schema: retroHuntBodySchema } } },
  },
  responses: {
    200: {
      description: 'Counts; new alerts are stored before this answer (re-running adds none)',
      content: { 'application/json': { schema: retroHuntResultSchema } },
    },
    400: { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
    503: {
      description: 'Store unreachable',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
})

export type RetroHuntStore = Pick<
  Store,
  'designations' | 'activeDesignations' | 'monitorEventsByCounterparty' | 'recordRetroAlerts'
>

/** Every normalised form of an address (one per address format it parses as); designations are stored normalised. */
function normalised(input: string): string[] {
  const forms = detectAddressChain(input).map((chain) => normalizeAddress(chain, input))
  if (forms.length === 0) {
    throw new ChainwatchError('address.invalid', `${input} is not an address Chainwatch knows.`, {
      meta: { input },
    })
  }
  return forms
}

/** Registers `POST /v1/monitor/retro-hunt`. */
export function registerRetroHuntRoute(app: OpenAPIHono, store: RetroHuntStore): void {
  app.openapi(retroHuntRoute, async (c) => {
    const { addresses, list, days } = c.req.valid('json')
    if (addresses === undefined && list === undefined) {
      throw new ChainwatchError('input.invalid', 'Give `addresses`, `list` or both.')
    }
    const found =
      addresses === undefined
        ? await store.activeDesignations()
        : await store.designations({ addresses: addresses.flatMap(normalised) })
    const designations = list === undefined ? found : found.filter((d) => d.list === list)
    const result = await retroHunt({
      store,
      designations,
      ...(days === undefined ? {} : { days }),
    })
    return c.json(result, 200)
  })
}
