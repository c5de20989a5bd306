import { NATIVE_ASSET } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { OutputSeed, UtxoTxEvent } from './TraceEvent.js'
import type { TaintFate } from './TraceResult.js'
import { absorbAtStop, getHolder, type TraceState } from './traceState.js'

/** Whether an output seed taints only part of its output, or at a hop other than 0. */
export function isOutputShare(seed: OutputSeed): boolean {
  return seed.tainted !== undefined || seed.hop !== undefined
}

/** Checks an output share seed; it names one output, a non-negative amount and hop. */
export function checkOutputShare(seed: OutputSeed): void {
  const bad = (message: string) => {
    throw new ChainwatchError('input.invalid', message, {
      meta: {
        chain: seed.chain,
        txHash: seed.txHash,
        outputIndex: seed.outputIndex,
        tainted: seed.tainted === undefined ? undefined : String(seed.tainted),
        hop: seed.hop,
      },
    })
  }
  if (seed.outputIndex === undefined)
    bad('An output seed with a tainted amount or hop needs an outputIndex.')
  if (seed.tainted !== undefined && seed.tainted < 0n)
    bad('An output seed cannot taint a negative amount.')
  if (seed.hop !== undefined && !(Number.isInteger(seed.hop) && seed.hop >= 0)) {
    bad('An output seed hop must be a non-negative integer.')
  }
}

/**
 * Taints a share of outputs of a transaction just applied (a bridge's outbound payment): the
 * share is `seeded`, then arrives like any taint (stop, hop limit, dust at the seed's hop). It
 * fills the output's untainted value from its start (fifo ranges), never beyond the value.
 */
export function seedOutputShares(
  state: TraceState,
  ev: UtxoTxEvent,
  seeds: readonly OutputSeed[],
): void {
  const { totals } = state
  for (const seed of seeds) {
    const output = ev.outputs.find((o) => o.index === seed.outputIndex)
    if (output === undefined || output.value === 0n) continue
    const outpoint = output.outpoint
    const key =
      outpoint === undefined
        ? `${ev.chain}|${ev.txHash}|${output.index}`
        : `${ev.chain}|${outpoint.txHash}|${outpoint.index}`
    const existing = state.outputs.get(key)
    const before = existing?.tainted ?? 0n
    const wanted = seed.tainted ?? output.value
    const room = output.value - before
    const share = wanted < room ? wanted : room
    if (share <= 0n) continue
    const hop = seed.hop ?? 0
    const address = output.address
    totals.seeded += share
    let fate: TaintFate = 'held'
    if (address !== null && state.isStop?.(ev.chain, address) === true) {
      fate = 'stop'
      absorbAtStop(state, { chain: ev.chain, address, asset: NATIVE_ASSET }, share, hop)
    } else if (hop > state.maxHops) {
      fate = 'hop-limit'
      totals.hopLimit += share
    } else if (share < state.dust) {
      fate = 'dust'
      totals.dust += share
    } else {
      const holder = existing?.holder ?? getHolder(state, ev.chain, NATIVE_ASSET, address ?? '')
      holder.seeded += share
      holder.tainted += share
      if (holder.hop < 0 || hop < holder.hop) holder.hop = hop
      state.outputs.set(key, {
        holder,
        value: output.value,
        tainted: before + share,
        hop: existing === undefined || hop < existing.hop ? hop : existing.hop,
        ranges: state.policy === 'fifo' ? fillRanges(existing?.ranges ?? null, share) : null,
      })
    }
    if (!state.collect) continue
    state.transfers.push({
      chain: ev.chain,
      txHash: ev.txHash,
      position: null,
      outputIndex: output.index,
      from: null,
      to: address,
      asset: NATIVE_ASSET,
      amount: output.value,
      tainted: fate === 'held' ? before + share : share,
      hop,
      fate,
    })
  }
}

/** Adds `share` tainted units to flat sorted ranges `[s, e)`, filling the gaps from 0. */
function fillRanges(ranges: readonly bigint[] | null, share: bigint): bigint[] {
  const out: bigint[] = []
  let cursor = 0n
  let rest = share
  const add = (start: bigint, end: bigint) => {
    if (end <= start) return
    const last = out.length - 1
    if (last > 0 && out[last] === start) out[last] = end
    else out.push(start, end)
  }
  const existing = ranges ?? []
  for (let i = 0; i + 1 < existing.length; i += 2) {
    const start = existing[i] ?? 0n
    const end = existing[i + 1] ?? 0n
    const gap = start - cursor
    const take = rest < gap ? rest : gap
    if (take > 0n) add(cursor, cursor + take)
    rest -= take > 0n ? take : 0n
    add(start, end)
    cursor = end
  }
  if (rest > 0n) add(cursor, cursor + rest)
  return out
}
