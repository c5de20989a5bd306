import { type ChainId, isChainId } from '../chain/index.js'
import { ChainwatchError, isChainwatchError } from '../errors/index.js'
import type { Designation, Store } from '../store/index.js'
import type { DesignationIndex } from './designationIndex.js'
import { type CappedHub, type Exposure, findExposure } from './findExposure.js'
import type { Category } from './ListEntry.js'
import { normalizeInput, type ScreenTarget } from './normalizeInput.js'
import { type RiskLevel, riskLevel } from './riskLevel.js'

export type ScreenParameters = {
  readonly addresses: readonly string[]
  /** Hops of indirect exposure to search, in both directions (0 = direct only). */
  readonly hops?: number
  /** Counterparties followed per address and direction. */
  readonly hubLimit?: number
}

export type ScreeningResult =
  | (ScreenTarget & {
      readonly risk: { readonly level: RiskLevel; readonly rule: string }
      readonly direct: readonly Designation[]
      readonly exposures: readonly Exposure[]
      readonly capped: readonly CappedHub[]
    })
  | { readonly input: string; readonly error: { readonly code: string; readonly message: string } }

export const MAX_HOPS = 4
export const MAX_BATCH = 10_000
const DEFAULT_HOPS = 2
const DEFAULT_HUB_LIMIT = 100

/**
 * Screens addresses: direct designations, and exposure up to `hops` hops over the store's value
 * flows, with a risk level and the rule that set it. A malformed address gets an error in its
 * place; the others are still screened.
 *
 * @example
 * await screenAddresses({ store }, { addresses: ['0x098B716B8Aaf21512996dC57EB0615e2383E2f96'] })
 * // [{ chain: 'ethereum', risk: { level: 'severe', rule: 'direct: sanctioned' }, direct: [...], … }]
 */
export async function screenAddresses(
  deps: {
    readonly store: Pick<Store, 'designations' | 'counterparties'>
    readonly index?: DesignationIndex
  },
  { addresses, hops = DEFAULT_HOPS, hubLimit = DEFAULT_HUB_LIMIT }: ScreenParameters,
): Promise<readonly ScreeningResult[]> {
  if (addresses.length > MAX_BATCH) {
    throw new ChainwatchError('input.too_large', `At most ${MAX_BATCH} addresses per request.`, {
      meta: { addresses: addresses.length },
    })
  }
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_HOPS) {
    throw new ChainwatchError(
      'input.invalid',
      `Hops must be a whole number from 0 to ${MAX_HOPS}.`,
      {
        meta: { hops },
      },
    )
  }
  const targets = addresses.map((input) => {
    try {
      return normalizeInput(input)
    } catch (error) {
      if (!isChainwatchError(error)) throw error
      return { input, error: { code: error.code, message: error.shortMessage } }
    }
  })
  const valid = targets.filter((t): t is ScreenTarget => 'address' in t)
  const direct = await directDesignations(deps, valid)

  const exposures = new Map<string, readonly Exposure[]>()
  const capped = new Map<string, readonly CappedHub[]>()
  if (hops > 0) {
    const byChain = new Map<ChainId, string[]>()
    for (const t of valid) {
      if (!isChainId(t.chain)) continue // Tron: lists only, no chain data in the store yet.
      const list = byChain.get(t.chain)
      if (list) list.push(t.address)
      else byChain.set(t.chain, [t.address])
    }
    for (const [chain, list] of byChain) {
      const found = await findExposure(deps, {
        chain,
        addresses: [...new Set(list)],
        hops,
        hubLimit,
      })
      for (const [k, v] of found.exposures) exposures.set(k, v)
      for (const [k, v] of found.capped) capped.set(k, v)
    }
  }

  return targets.map((target): ScreeningResult => {
    if (!('address' in target)) return target
    const hits = direct.get(target.address) ?? []
    const found = exposures.get(target.address) ?? []
    const nearest = new Map<Category, number>()
    for (const e of found)
      nearest.set(e.category, Math.min(nearest.get(e.category) ?? e.hops, e.hops))
    return {
      ...target,
      risk: riskLevel({ direct: hits.map((d) => d.category), nearest }),
      direct: hits,
      exposures: found,
      capped: capped.get(target.address) ?? [],
    }
  })
}

async function directDesignations(
  deps: { readonly store: Pick<Store, 'designations'>; readonly index?: DesignationIndex },
  targets: readonly ScreenTarget[],
): Promise<Map<string, Designation[]>> {
  const map = new Map<string, Designation[]>()
  if (deps.index) {
    for (const t of targets) map.set(t.address, [...deps.index.lookup(t.address)])
    return map
  }
  const unique = [...new Set(targets.map((t) => t.address))]
  for (const d of await deps.store.designations({ addresses: unique })) {
    const list = map.get(d.address)
    if (list) list.push(d)
    else map.set(d.address, [d])
  }
  return map
}
