import type { ChainId } from '../chain/index.js'
import type { CounterpartyFlow, Designation, Store } from '../store/index.js'
import type { Category } from './ListEntry.js'
import { isRiskCategory } from './riskLevel.js'

/** Value that flowed between a screened address and a flagged one, over `hops` hops. */
export type Exposure = {
  /** incoming: the flagged address's funds reached the screened one; outgoing: the reverse. */
  readonly direction: 'incoming' | 'outgoing'
  readonly hops: number
  readonly address: string
  readonly category: Category
  readonly list: string
  readonly entity: string | null
  /** `native` or a token contract. */
  readonly asset: string
  /**
   * The smallest hop along the path when every hop moved the same asset (an upper bound of what
   * can have passed all the way); otherwise the hop touching the screened address.
   */
  readonly amount: bigint
  /** Screened address first, flagged address last. */
  readonly path: readonly string[]
}

/** A hub whose counterparties were not all followed. */
export type CappedHub = {
  readonly address: string
  readonly direction: 'incoming' | 'outgoing'
  readonly counterparties: number
  readonly followed: number
}

export type FindExposureParameters = {
  readonly chain: ChainId
  readonly addresses: readonly string[]
  readonly hops: number
  /** Counterparties followed per address and direction (largest flows first). */
  readonly hubLimit: number
}

export type ExposureResult = {
  readonly exposures: ReadonlyMap<string, readonly Exposure[]>
  readonly capped: ReadonlyMap<string, readonly CappedHub[]>
}

type PathState = {
  readonly root: string
  readonly path: readonly string[]
  readonly asset: string
  readonly amount: bigint
  readonly sameAsset: boolean
}

const directions = [
  { flow: 'in', name: 'incoming' },
  { flow: 'out', name: 'outgoing' },
] as const

/**
 * Breadth-first search over one-hop flows from the store, up to `hops` hops in each direction,
 * for all screened addresses at once (one store round trip per hop and direction). A path
 * ends at the first flagged address (reported) and at known venues (exchanges, bridges, DEXes:
 * their many unrelated users are not the screened address's exposure).
 */
export async function findExposure(
  deps: { readonly store: Pick<Store, 'counterparties' | 'designations'> },
  { chain, addresses, hops, hubLimit }: FindExposureParameters,
): Promise<ExposureResult> {
  const exposures = new Map<string, Exposure[]>()
  const capped = new Map<string, CappedHub[]>()
  for (const { flow, name } of directions) {
    const visited = new Set(addresses.map((a) => `${a}|${a}`))
    let frontier: PathState[] = addresses.map((a) => ({
      root: a,
      path: [a],
      asset: '',
      amount: 0n,
      sameAsset: true,
    }))
    for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
      const ends = [...new Set(frontier.map((s) => s.path[s.path.length - 1] ?? ''))]
      const { flows, counts } = await deps.store.counterparties({
        chain,
        addresses: ends,
        limit: hubLimit,
      })
      for (const state of frontier) {
        const end = state.path[state.path.length - 1] ?? ''
        const total = counts.get(end)?.[flow] ?? 0
        if (total > hubLimit) {
          push(capped, state.root, {
            address: end,
            direction: name,
            counterparties: total,
            followed: hubLimit,
          })
        }
      }
      const byEnd = groupFlows(flows.filter((f) => f.direction === flow))
      const reached = [...new Set(flows.map((f) => f.counterparty))]
      const flagged = groupDesignations(await deps.store.designations({ addresses: reached }))
      const next: PathState[] = []
      for (const state of frontier) {
        for (const edge of byEnd.get(state.path[state.path.length - 1] ?? '') ?? []) {
          const key = `${state.root}|${edge.counterparty}`
          if (visited.has(key)) continue
          visited.add(key)
          const extended = extend(state, edge)
          const designations = flagged.get(edge.counterparty) ?? []
          const risks = designations.filter((d) => isRiskCategory(d.category))
          for (const d of risks) {
            push(exposures, state.root, {
              direction: name,
              hops: hop,
              address: edge.counterparty,
              category: d.category,
              list: d.list,
              entity: d.entity,
              asset: extended.asset,
              amount: extended.amount,
              path: extended.path,
            })
          }
          if (designations.length === 0) next.push(extended)
        }
      }
      frontier = next
    }
  }
  for (const list of exposures.values())
    list.sort((a, b) => a.hops - b.hops || compare(b.amount, a.amount))
  return { exposures, capped }
}

function extend(state: PathState, edge: CounterpartyFlow): PathState {
  const first = state.path.length === 1
  const sameAsset = first || (state.sameAsset && state.asset === edge.asset)
  const amount = first ? edge.amount : sameAsset ? min(state.amount, edge.amount) : state.amount
  return {
    root: state.root,
    path: [...state.path, edge.counterparty],
    asset: first ? edge.asset : state.asset,
    amount,
    sameAsset,
  }
}

function groupFlows(flows: readonly CounterpartyFlow[]): Map<string, CounterpartyFlow[]> {
  const map = new Map<string, CounterpartyFlow[]>()
  for (const f of flows) push(map, f.address, f)
  return map
}

function groupDesignations(designations: readonly Designation[]): Map<string, Designation[]> {
  const map = new Map<string, Designation[]>()
  for (const d of designations) push(map, d.address, d)
  return map
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)
const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
