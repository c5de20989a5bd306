import { z } from 'zod'
import { isValidAddress } from '../chain/index.js'
import { fromZodError } from '../errors/index.js'

/** The part of a scenario's truth.json that scoring reads (every scenario has it). */
export type ScoreTruth = {
  readonly scenario: string | null
  readonly seed: number | null
  readonly organisations: readonly {
    readonly name: string
    readonly kind: string
    readonly addresses: readonly string[]
  }[]
  /** Chain → addresses the thief controls. */
  readonly thiefAddresses: Readonly<Record<string, readonly string[]>>
  readonly steps: readonly {
    readonly chain: string
    readonly technique: string
    readonly txHash: string
    readonly from: string | null
    readonly to: string
    readonly asset: string
    readonly amount: bigint
    readonly time: number
  }[]
  readonly endpoints: readonly {
    readonly chain: string
    readonly address: string
    readonly asset: string
    readonly amount: bigint
    readonly organisation: string
    readonly kind: string
  }[]
}

export type Flag = { readonly chain: string; readonly address: string; readonly time: number }
export type Alert = {
  readonly chain: string
  readonly address: string | null
  readonly txHash: string | null
  readonly time: number
  readonly ruleId: string | null
}
export type Hold = {
  readonly chain: string
  readonly address: string
  readonly asset: string
  readonly amount: bigint
  readonly time: number
}

/** A participant's findings, normalised: addresses and hashes in their stored form, unix seconds. */
export type Findings = {
  readonly participant: string
  readonly flagged: readonly Flag[]
  readonly alerts: readonly Alert[]
  readonly holds: readonly Hold[]
}

/**
 * An address in the form the store keeps it, so truth and findings compare exactly: EVM and
 * bech32 lowercase, anything else (base58, `ronin:`…) as given. Does not validate.
 */
export function canonicalAddress(address: string): string {
  return /^0x[0-9a-f]{40}$/i.test(address) || /^(bc|tb|bcrt)1/i.test(address)
    ? address.toLowerCase()
    : address
}

/**
 * A finding's address in canonical form, or null when it is not valid for its chain. Chains
 * whose format Chainwatch does not parse keep the text as given.
 */
export function normaliseAddress(chain: string, address: string): string | null {
  const format =
    chain === 'bitcoin' || chain === 'tron' ? chain : /^0x/i.test(address) ? 'ethereum' : null
  if (format === null) return address
  return isValidAddress(format, address) ? canonicalAddress(address) : null
}

/** Hex, lowercase; `0x`-prefixed on EVM chains, bare on Bitcoin (as the store keys them). */
export function normaliseTxHash(chain: string, hash: string): string {
  const bare = hash.toLowerCase().replace(/^0x/, '')
  return chain === 'bitcoin' ? bare : `0x${bare}`
}

/** `native`, or a token contract (EVM addresses lowercased). */
export const normaliseAsset = (asset: string): string =>
  /^0x[0-9a-fA-F]{40}$/.test(asset) ? asset.toLowerCase() : asset

const baseUnits = z.string().regex(/^[0-9]+$/, 'must be an integer in base units, as a string')
const positiveBaseUnits = z
  .string()
  .regex(/^0*[1-9][0-9]*$/, 'must be a positive integer in base units, as a string')

const truthSchema = z.looseObject({
  scenario: z.string().optional(),
  seed: z.number().optional(),
  organisations: z.array(
    z.looseObject({ name: z.string(), kind: z.string(), addresses: z.array(z.string()) }),
  ),
  thiefAddresses: z.record(z.string(), z.array(z.string())),
  steps: z.array(
    z.looseObject({
      chain: z.string(),
      technique: z.string(),
      txHash: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      asset: z.string(),
      amount: baseUnits,
      time: z.number().int(),
    }),
  ),
  endpoints: z.array(
    z.looseObject({
      chain: z.string(),
      address: z.string(),
      asset: z.string(),
      amount: baseUnits,
      organisation: z.string(),
      kind: z.string(),
    }),
  ),
})

/**
 * Reads a scenario's truth (extra fields are allowed: each scenario adds its own).
 *
 * @throws ChainwatchError `input.invalid` listing every bad field.
 */
export function parseTruth(json: unknown): ScoreTruth {
  const parsed = truthSchema.safeParse(json)
  if (!parsed.success) throw fromZodError(parsed.error, 'The truth file')
  const t = parsed.data
  // Generated truth is trusted (and validating 50,000 addresses costs seconds): canonical only.
  const address = (_chain: string, a: string) => canonicalAddress(a)
  return {
    scenario: t.scenario ?? null,
    seed: t.seed ?? null,
    organisations: t.organisations.map((o) => ({
      name: o.name,
      kind: o.kind,
      addresses: o.addresses.map(canonicalAddress),
    })),
    thiefAddresses: Object.fromEntries(
      Object.entries(t.thiefAddresses).map(([chain, list]) => [
        chain,
        list.map((a) => address(chain, a)),
      ]),
    ),
    steps: t.steps.map((s) => ({
      chain: s.chain,
      technique: s.technique,
      txHash: normaliseTxHash(s.chain, s.txHash),
      from: s.from === null ? null : address(s.chain, s.from),
      to: address(s.chain, s.to),
      asset: normaliseAsset(s.asset),
      amount: BigInt(s.amount),
      time: s.time,
    })),
    endpoints: t.endpoints.map((e) => ({
      chain: e.chain,
      address: address(e.chain, e.address),
      asset: normaliseAsset(e.asset),
      amount: BigInt(e.amount),
      organisation: e.organisation,
      kind: e.kind,
    })),
  }
}

/** 10^11 s is the year 5138: a larger number is almost certainly milliseconds. */
const MAX_UNIX_SECONDS = 1e11

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

/** Unix seconds, or ISO 8601 with a zone (a zoneless time would depend on the scorer's zone). */
const time = z
  .union([z.number(), z.string()], { error: 'must be unix seconds or an ISO 8601 time' })
  .transform((value, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || value < 0) return fail('must be whole unix seconds')
      if (value > MAX_UNIX_SECONDS) return fail('must be unix seconds, not milliseconds')
      return value
    }
    const ms = Date.parse(value)
    if (!ISO_WITH_ZONE.test(value.trim()) || Number.isNaN(ms))
      return fail('must be unix seconds or ISO 8601 with Z or an offset (2025-02-21T14:13:35Z)')
    return Math.floor(ms / 1000)
  })

function findingsSchema(chains: readonly string[]) {
  const chain = z
    .string()
    .transform((c) => c.trim().toLowerCase())
    .refine((c) => chains.includes(c), {
      message: `must be a chain of this scenario (${chains.join(', ')})`,
    })
  const address = z.string().trim().min(1)
  type Issues = { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void }
  const withAddress = (item: { chain: string; address?: string | undefined }, ctx: Issues) => {
    if (typeof item.chain !== 'string' || typeof item.address !== 'string') return
    if (normaliseAddress(item.chain, item.address) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: `"${item.address}" is not a valid ${item.chain} address`,
      })
  }
  // Item checks run even when other fields of the item failed, so one run reports every problem.
  const evenWithIssues = {
    when: (payload: { value: unknown }) =>
      typeof payload.value === 'object' && payload.value !== null,
  }
  return z.strictObject({
    participant: z.string().trim().min(1).default('participant'),
    flagged: z
      .array(z.looseObject({ chain, address, time }).superRefine(withAddress, evenWithIssues))
      .default([]),
    alerts: z
      .array(
        z
          .looseObject({
            chain,
            address: address.optional(),
            txHash: z
              .string()
              .regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be a 32-byte hex transaction hash')
              .optional(),
            time,
            ruleId: z.string().optional(),
          })
          .superRefine((a, ctx) => {
            if (a.address === undefined && a.txHash === undefined)
              ctx.addIssue({ code: 'custom', message: 'an alert names an address or a txHash' })
            withAddress(a, ctx)
          }, evenWithIssues),
      )
      .default([]),
    holds: z
      .array(
        z
          .looseObject({
            chain,
            address,
            asset: z.string().trim().min(1).default('native'),
            amount: positiveBaseUnits,
            time,
          })
          .superRefine(withAddress, evenWithIssues),
      )
      .default([]),
  })
}

/**
 * Validates a participant's findings file against the scenario's chains and normalises it.
 *
 * @throws ChainwatchError `input.invalid` listing every bad field by path (`holds.2.amount: …`).
 */
export function parseFindings(json: unknown, chains: readonly string[]): Findings {
  const parsed = findingsSchema(chains).safeParse(json)
  if (!parsed.success) throw fromZodError(parsed.error, 'The findings file')
  const f = parsed.data
  const address = (chain: string, a: string) => normaliseAddress(chain, a) ?? a
  return {
    participant: f.participant,
    flagged: f.flagged.map((x) => ({
      chain: x.chain,
      address: address(x.chain, x.address),
      time: x.time,
    })),
    alerts: f.alerts.map((x) => ({
      chain: x.chain,
      address: x.address === undefined ? null : address(x.chain, x.address),
      txHash: x.txHash === undefined ? null : normaliseTxHash(x.chain, x.txHash),
      time: x.time,
      ruleId: x.ruleId ?? null,
    })),
    holds: f.holds.map((x) => ({
      chain: x.chain,
      address: address(x.chain, x.address),
      asset: normaliseAsset(x.asset),
      amount: BigInt(x.amount),
      time: x.time,
    })),
  }
}
