import { z } from 'zod'
import { type ChainId, chains } from '../chain/index.js'

/** At most this many events per `POST /v1/monitor/events` request. */
export const MAX_EVENTS_PER_REQUEST = 1_000

const chainIds = Object.keys(chains) as [ChainId, ...ChainId[]]
const token = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')

/**
 * One event as an exchange sends it (JSON). Amounts are decimal strings in base units (JSON
 * numbers lose precision above 2^53); times are unix seconds or ISO 8601. Addresses are checked
 * with the chain's codec afterwards (`parseMonitorEvent`), which needs the chain first.
 */
export const monitorEventWireSchema = z
  .object({
    org: token(100),
    account: token(200),
    direction: z.enum(['deposit', 'withdrawal'], { error: 'must be "deposit" or "withdrawal"' }),
    chain: z.enum(chainIds, { error: `is not a known chain (known: ${chainIds.join(', ')})` }),
    txHash: z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be a 32-byte transaction hash in hex'),
    index: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(2_147_483_647, 'is too large'),
    counterparty: z.string().min(1, 'must not be empty').max(200, 'is too long'),
    ownAddress: z.string().min(1, 'must not be empty').max(200, 'is too long'),
    asset: z.string().min(1).max(100).default('native'),
    amount: z
      .string({ error: 'must be a decimal string of base units, e.g. "1500000"' })
      .max(78, 'is too large')
      .regex(/^[0-9]+$/, 'must be a positive whole number of base units (no sign, no decimals)')
      .refine((value) => !/^[0-9]+$/.test(value) || BigInt(value) > 0n, {
        error: 'must be greater than zero',
      }),
    time: z.union([z.number().int().min(0).max(1e11), z.iso.datetime({ offset: true })], {
      error: 'must be unix seconds or an ISO 8601 date-time',
    }),
  })
  .strict()

export type MonitorEventWire = z.input<typeof monitorEventWireSchema>

/** The request body: one event, or `{ events: [...] }` of up to `MAX_EVENTS_PER_REQUEST`. */
export const monitorRequestSchema = z.union([
  monitorEventWireSchema,
  z
    .object({
      events: z
        .array(monitorEventWireSchema)
        .min(1, 'must hold at least one event')
        .max(MAX_EVENTS_PER_REQUEST, `must hold at most ${MAX_EVENTS_PER_REQUEST} events`),
    })
    .strict(),
])
