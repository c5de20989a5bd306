import { NATIVE_ASSET } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { UtxoTxEvent } from './TraceEvent.js'
import type { TaintFate } from './TraceResult.js'
import { absorbAtStop, getHolder, type Holder, type TraceState } from './traceState.js'

/**
 * Applies one UTXO transaction: the taint of its inputs flows to its outputs and fee.
 * `seedSelection`: undefined (not seeded), null (all outputs seeded) or the seeded output indexes.
 */
export function applyUtxoTx(
  state: TraceState,
  ev: UtxoTxEvent,
  seedSelection: ReadonlySet<string> | null | undefined,
): void {
  const { policy, totals, outputs: tainted } = state
  const chain = ev.chain
  const withSeeds = state.addressSeeds.size > 0
  let totalIn = 0n
  let taintedIn = 0n
  let minHop = -1
  let from: string | null = null
  let ranges: bigint[] | null = null
  for (const input of ev.inputs) {
    if (input.value < 0n) invalid(ev, 'has an input with a negative value')
    if (tainted.size > 0 || withSeeds) {
      const key = `${chain}|${input.spentTxHash}|${input.spentOutputIndex}`
      const spent = tainted.get(key)
      if (spent !== undefined) {
        if (spent.value !== input.value)
          invalid(ev, `spends ${key} with a value other than its own`)
        tainted.delete(key)
        spent.holder.tainted -= spent.tainted
        taintedIn += spent.tainted
        if (minHop < 0 || spent.hop < minHop) minHop = spent.hop
        from ??= input.address
        if (spent.ranges !== null) {
          ranges ??= []
          for (const offset of spent.ranges) ranges.push(totalIn + offset)
        }
      }
      if (withSeeds && input.address !== null) {
        for (const seed of state.addressSeeds.get(`${chain}|${input.address}`) ?? []) {
          seed.pendingOutputs.delete(key)
        }
      }
    }
    totalIn += input.value
  }
  let totalOut = 0n
  for (const output of ev.outputs) {
    if (output.value < 0n) invalid(ev, 'has an output with a negative value')
    totalOut += output.value
  }
  const fee = ev.inputs.length === 0 ? 0n : totalIn - totalOut
  if (fee < 0n) invalid(ev, 'has outputs worth more than its inputs')
  if (taintedIn === 0n && seedSelection === undefined && !withSeeds) return

  const hop = minHop + 1
  let offset = 0n
  let assigned = 0n
  for (const output of ev.outputs) {
    const value = output.value
    let taint = 0n
    let outRanges: bigint[] | null = null
    if (taintedIn > 0n) {
      if (policy === 'poison') taint = value
      else if (policy === 'haircut') taint = (value * taintedIn) / totalIn
      else {
        outRanges = sliceRanges(ranges ?? [], offset, offset + value)
        taint = rangesTotal(outRanges)
      }
    }
    offset += value
    assigned += taint
    const outpoint = output.outpoint
    const key =
      outpoint === undefined
        ? `${chain}|${ev.txHash}|${output.index}`
        : `${chain}|${outpoint.txHash}|${outpoint.index}`
    const address = output.address
    let seedHolder: Holder | null = null
    if (withSeeds && address !== null) {
      const holder = getHolder(state, chain, NATIVE_ASSET, address)
      if (holder.seed) seedHolder = holder
      else {
        for (const seed of state.addressSeeds.get(`${chain}|${address}`) ?? []) {
          if (seed.asset === undefined || seed.asset === NATIVE_ASSET) {
            seed.pendingOutputs.set(key, { value, holder })
          }
        }
      }
    }
    const seeded =
      seedHolder !== null ||
      (seedSelection !== undefined &&
        (seedSelection === null || seedSelection.has(String(output.index))))
    if (seeded) {
      if (value === 0n) continue
      totals.seeded += value - taint
      let fate: TaintFate = 'held'
      if (seedHolder === null && address !== null && state.isStop?.(chain, address) === true) {
        fate = 'stop'
        absorbAtStop(state, { chain, address, asset: NATIVE_ASSET }, value, 0)
      } else {
        const holder = seedHolder ?? getHolder(state, chain, NATIVE_ASSET, address ?? '')
        holder.seeded += value - taint
        holder.received += taint
        holder.tainted += value
        holder.hop = 0
        tainted.set(key, {
          holder,
          value,
          tainted: value,
          hop: 0,
          ranges: policy === 'fifo' ? [0n, value] : null,
        })
      }
      record(state, ev, output.index, from, address, value, value, 0, fate)
      continue
    }
    if (taint === 0n) continue
    let fate: TaintFate = 'held'
    if (hop > state.maxHops) {
      fate = 'hop-limit'
      totals.hopLimit += taint
    } else if (taint < state.dust) {
      fate = 'dust'
      totals.dust += taint
    } else if (address !== null && state.isStop?.(chain, address) === true) {
      fate = 'stop'
      absorbAtStop(state, { chain, address, asset: NATIVE_ASSET }, taint, hop)
    } else {
      const holder = getHolder(state, chain, NATIVE_ASSET, address ?? '')
      holder.received += taint
      holder.tainted += taint
      if (holder.hop < 0 || hop < holder.hop) holder.hop = hop
      tainted.set(key, {
        holder,
        value,
        tainted: taint,
        hop,
        ranges: outRanges,
      })
    }
    record(state, ev, output.index, from, address, value, taint, hop, fate)
  }
  if (taintedIn === 0n) return
  let feeTaint = 0n
  if (policy === 'poison') {
    feeTaint = fee
    totals.contaminated += totalIn - taintedIn
  } else if (policy === 'haircut') {
    feeTaint = (fee * taintedIn) / totalIn
    totals.rounding += taintedIn - assigned - feeTaint
  } else feeTaint = rangesTotal(sliceRanges(ranges ?? [], totalOut, totalIn))
  totals.fees += feeTaint
}

/** The parts of flat sorted ranges `[s, e)` inside `[from, to)`, relative to `from`. */
function sliceRanges(ranges: readonly bigint[], from: bigint, to: bigint): bigint[] | null {
  let out: bigint[] | null = null
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    const start = ranges[i] ?? 0n
    const end = ranges[i + 1] ?? 0n
    if (start >= to) break
    if (end <= from) continue
    out ??= []
    const s = start > from ? start : from
    const e = end < to ? end : to
    const last = out.length - 1
    if (last > 0 && out[last] === s - from) out[last] = e - from
    else out.push(s - from, e - from)
  }
  return out
}

function rangesTotal(ranges: readonly bigint[] | null): bigint {
  if (ranges === null) return 0n
  let total = 0n
  for (let i = 0; i + 1 < ranges.length; i += 2) total += (ranges[i + 1] ?? 0n) - (ranges[i] ?? 0n)
  return total
}

function record(
  state: TraceState,
  ev: UtxoTxEvent,
  outputIndex: number,
  from: string | null,
  to: string | null,
  amount: bigint,
  tainted: bigint,
  hop: number,
  fate: TaintFate,
): void {
  if (!state.collect) return
  state.transfers.push({
    chain: ev.chain,
    txHash: ev.txHash,
    position: null,
    outputIndex,
    from,
    to,
    asset: NATIVE_ASSET,
    amount,
    tainted,
    hop,
    fate,
  })
}

function invalid(ev: UtxoTxEvent, what: string): never {
  throw new ChainwatchError('input.invalid', `Transaction ${ev.txHash} ${what}.`, {
    meta: { chain: ev.chain, txHash: ev.txHash, blockHeight: ev.blockHeight },
  })
}
