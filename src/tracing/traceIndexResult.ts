import type { ChainId } from '../chain/index.js'
import type { TracePolicy, TransferEvent } from './TraceEvent.js'
import type {
  TaintedTransfer,
  TaintFate,
  TraceEndpoint,
  TraceHolding,
  TraceResult,
} from './TraceResult.js'
import { traceForward } from './traceForward.js'
import type { TraceIndex } from './traceIndex.js'
import { exactAt, readHash } from './traceIndexColumns.js'
import type { TraceKernel } from './traceKernelWasm.js'

/** Byte offsets of one trace's state in the index's memory (see traceIndexRun.ts). */
export type Layout = {
  readonly hot: number
  readonly cold: number
  readonly acts: number
  readonly seeds: number
  readonly out: number
  readonly records: number
  readonly totals: number
  /** Room for one holder id per holder (the holders with taint, found by the kernel). */
  readonly ids: number
  readonly end: number
}

const FATES: readonly TaintFate[] = ['held', 'stop', 'dust', 'hop-limit', 'burned']

/** The unsigned 128-bit value at 32-bit word `i` (even) of `words`; `wide` views the same memory. */
function u128(words: Uint32Array, wide: BigUint64Array, i: number): bigint {
  const w1 = words[i + 1] ?? 0
  if (((words[i + 2] ?? 0) | (words[i + 3] ?? 0)) === 0) {
    if ((w1 | (words[i] ?? 0)) === 0) return 0n
    // Below 2^53 a number converts exactly, and allocates one bigint instead of a 64-bit read's two.
    if (w1 < 0x20_0000) return BigInt(w1 * 0x1_0000_0000 + (words[i] ?? 0))
    return wide[i >> 1] ?? 0n
  }
  return ((wide[(i >> 1) + 1] ?? 0n) << 64n) | (wide[i >> 1] ?? 0n)
}

/** Whether the 128-bit values at words i and j are equal. */
function sameWords(words: Uint32Array, i: number, j: number): boolean {
  return (
    words[i] === words[j] &&
    words[i + 1] === words[j + 1] &&
    words[i + 2] === words[j + 2] &&
    words[i + 3] === words[j + 3]
  )
}

/** Reads rows of the index back as plain values. */
class Rows {
  readonly words: Int32Array
  readonly amounts: BigInt64Array
  readonly big: BigUint64Array
  lastTx = -1
  lastHash = ''

  constructor(readonly index: TraceIndex) {
    this.words = new Int32Array(index.memory.buffer, index.rowsPtr, index.transfers * 4)
    this.amounts = new BigInt64Array(index.memory.buffer, index.rowsPtr, index.transfers * 2)
    this.big = new BigUint64Array(index.memory.buffer, index.bigPtr, index.bigCount * 2)
  }

  amount(row: number): bigint {
    const raw = this.amounts[2 * row + 1] ?? 0n
    if (raw >= 0n) return raw
    if (raw === -(2n ** 63n)) return this.index.oddAmounts.get(row) ?? 0n
    const k = -1 - Number(raw)
    return ((this.big[2 * k + 1] ?? 0n) << 64n) | (this.big[2 * k] ?? 0n)
  }

  txHash(row: number): string {
    const tx = this.index.txOfRow[row] ?? 0
    if (tx !== this.lastTx) {
      this.lastTx = tx
      this.lastHash = this.index.otherTxHashes.get(tx) ?? readHash(this.index.txHashes, tx * 32)
    }
    return this.lastHash
  }

  group(
    row: number,
    from: number,
    to: number,
  ): { readonly chain: ChainId; readonly asset: string } {
    const { index } = this
    const id =
      from >= 0
        ? index.holderGroup[from]
        : to >= 0
          ? index.holderGroup[to]
          : index.nullRowGroup.get(row)
    const group = index.groups[id ?? 0]
    return group ?? { chain: 'ethereum', asset: '' }
  }

  address(holder: number): string | null {
    return holder < 0 ? null : (this.index.holderAddress[holder] ?? null)
  }

  position(row: number): string {
    return this.index.positions[this.index.positionOfRow[row] ?? 0] ?? ''
  }
}

/** The index's transfers as events, in order (for the general engine). */
export function* indexEvents(index: TraceIndex): Generator<TransferEvent> {
  const rows = new Rows(index)
  for (let row = 0; row < index.transfers; row++) {
    const from = rows.words[4 * row] ?? -1
    const to = rows.words[4 * row + 1] ?? -1
    const tx = index.txOfRow[row] ?? 0
    const { chain, asset } = rows.group(row, from, to)
    yield {
      kind: 'transfer',
      chain,
      txHash: rows.txHash(row),
      blockHeight: exactAt(index.txBlock, tx),
      txIndex: exactAt(index.txIndex, tx),
      position: rows.position(row),
      asset,
      from: rows.address(from),
      to: rows.address(to),
      amount: rows.amount(row),
    }
  }
}

/** Turns the kernel's records and final state into a `TraceResult`. */
export class KernelReader {
  readonly transfers: TaintedTransfer[] = []
  readonly rows: Rows

  constructor(
    readonly index: TraceIndex,
    readonly layout: Layout,
    readonly policy: TracePolicy,
  ) {
    this.rows = new Rows(index)
  }

  /** Converts `count` records (32 bytes: row, hop, fate, pad, tainted) to tainted transfers. */
  readRecords(count: number): void {
    if (count === 0) return
    const words = new Uint32Array(this.index.memory.buffer, this.layout.out, count * 8)
    const wide = new BigUint64Array(this.index.memory.buffer, this.layout.out, count * 4)
    const rows = this.rows
    for (let i = 0; i < count; i++) {
      const row = words[8 * i] ?? 0
      const from = rows.words[4 * row] ?? -1
      const to = rows.words[4 * row + 1] ?? -1
      const { chain, asset } = rows.group(row, from, to)
      this.transfers.push({
        chain,
        txHash: rows.txHash(row),
        position: rows.position(row),
        outputIndex: null,
        from: rows.address(from),
        to: rows.address(to),
        asset,
        amount: rows.amount(row),
        tainted: u128(words, wide, 8 * i + 4),
        hop: words[8 * i + 1] ?? 0,
        fate: FATES[words[8 * i + 2] ?? 0] ?? 'held',
      })
    }
  }

  /** Holdings and endpoints in (chain, address, asset) order, totals, and the records read. */
  result(kernel: TraceKernel, eventsApplied: number): TraceResult {
    const { index, layout } = this
    const holders = index.holderAddress.length
    const n = kernel.taintedHolders(
      holders,
      layout.hot,
      layout.cold,
      layout.ids,
      layout.totals + 96,
    )
    const words = new Uint32Array(index.memory.buffer)
    const wide = new BigUint64Array(index.memory.buffer)
    const ids = new Int32Array(index.memory.buffer, layout.ids, n)
    // Built in id order (records read in memory order), then put in order by sort key: the
    // holder's rank among all holders, times n, plus its place in id order (exact below 2^53).
    const list: TraceHolding[] = []
    for (let k = 0; k < n; k++) {
      const h = ids[k] ?? 0
      const hot = (layout.hot >> 2) + h * 16
      const cold = (layout.cold >> 2) + h * 10
      const group = index.groups[index.holderGroup[h] ?? 0]
      const tainted = u128(words, wide, hot + 4)
      const same = sameWords(words, hot + 4, hot + 8)
      list.push({
        chain: group?.chain ?? 'ethereum',
        address: index.holderAddress[h] ?? '',
        asset: group?.asset ?? '',
        received: same ? tainted : u128(words, wide, hot + 8),
        held: tainted,
        seeded: u128(words, wide, cold),
        hop: (words[hot + 12] ?? 0) - 1,
      })
    }
    const holdings: TraceHolding[] = []
    if (holders * n < 2 ** 53) {
      const keys = new Float64Array(n)
      for (let k = 0; k < n; k++) keys[k] = (index.holderRank[ids[k] ?? 0] ?? 0) * n + k
      keys.sort()
      for (const key of keys) holdings.push(list[key % n] as TraceHolding)
    } else {
      const order = Array.from({ length: n }, (_, k) => k)
      order.sort(
        (a, b) => (index.holderRank[ids[a] ?? 0] ?? 0) - (index.holderRank[ids[b] ?? 0] ?? 0),
      )
      for (const k of order) holdings.push(list[k] as TraceHolding)
    }
    const sum = (layout.totals + 96) >> 2
    let held = u128(words, wide, sum)
    if ((words[sum + 4] ?? 0) !== 0) held = list.reduce((total, h) => total + h.held, 0n)
    const endpoints: { rank: number; endpoint: TraceEndpoint }[] = []
    const reached = kernel.reachedStops(holders, layout.cold, layout.ids)
    if (reached > 0) {
      const rank = index.holderRank
      for (const h of new Int32Array(index.memory.buffer, layout.ids, reached)) {
        const cold = (layout.cold >> 2) + h * 10
        const absorbed = u128(words, wide, cold + 4)
        if (absorbed === 0n) continue
        const group = index.groups[index.holderGroup[h] ?? 0]
        endpoints.push({
          rank: rank[h] ?? 0,
          endpoint: {
            chain: group?.chain ?? 'ethereum',
            address: index.holderAddress[h] ?? '',
            asset: group?.asset ?? '',
            absorbed,
            hop: (words[cold + 8] ?? 0) - 1,
          },
        })
      }
      endpoints.sort((a, b) => a.rank - b.rank)
    }
    const t = layout.totals >> 2
    // The general engine's result over no events gives every field a transfer-only trace leaves
    // empty (swaps, bridge links…), so both engines return the same shape.
    const empty = traceForward({ events: [], seeds: [], policy: this.policy })
    return {
      ...empty,
      holdings,
      endpoints: endpoints.map((e) => e.endpoint),
      transfers: this.transfers,
      totals: {
        ...empty.totals,
        seeded: u128(words, wide, t),
        contaminated: u128(words, wide, t + 4),
        held,
        stops: u128(words, wide, t + 8),
        dust: u128(words, wide, t + 12),
        hopLimit: u128(words, wide, t + 16),
        burned: u128(words, wide, t + 20),
      },
      eventsApplied,
    }
  }
}
