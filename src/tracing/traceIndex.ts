import type { ChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { TransferEvent } from './TraceEvent.js'
import {
  type ExactColumn,
  ExactInts,
  freeze,
  HashList,
  IntList,
  writeHash,
} from './traceIndexColumns.js'
import type { HolderGroup } from './traceIndexHolders.js'
import { HolderTable, sortHolders } from './traceIndexHolders.js'
import { KERNEL_RESERVED, newMemory, type WasmMemory } from './traceKernelWasm.js'

export type { HolderGroup } from './traceIndexHolders.js'

/**
 * A columnar copy of account-model transfers, built once and traced many times (see
 * docs/tracing.md, "Performance"). A holder — (chain, asset, address) — is interned to an id;
 * each row keeps 16 bytes in a WebAssembly memory that the kernel reads in place (from and to
 * holder, -1 for null; the amount), and 8 in JS (transaction id, position id). Transactions are
 * kept once per run of rows sharing hash, chain, block and index: the hash as 32 bytes, the block
 * and the index.
 */
export type TraceIndex = {
  readonly transfers: number
  readonly memory: WasmMemory
  /** Byte offset of row 0 (16 bytes per row: from i32, to i32, amount i64). */
  readonly rowsPtr: number
  /** The table of amounts from 2^63 to 2^128 (16 bytes each: low, high), after the rows. */
  readonly bigPtr: number
  /** First byte after the index: traces work above it. */
  readonly endPtr: number
  /** How many amounts the big-amount table holds. */
  readonly bigCount: number
  /** row → amount the kernel cannot take (negative, or 2^128 and more). */
  readonly oddAmounts: ReadonlyMap<number, bigint>
  /** row → transaction id (non-decreasing). */
  readonly txOfRow: Int32Array
  readonly positionOfRow: Int32Array
  readonly positions: readonly string[]
  /** 32 bytes per transaction: its hash when canonical (`0x` + 64 lowercase hex digits). */
  readonly txHashes: Uint8Array
  /** transaction id → hash that is not canonical (kept as given). */
  readonly otherTxHashes: ReadonlyMap<number, string>
  readonly txBlock: ExactColumn
  readonly txIndex: ExactColumn
  readonly groups: readonly HolderGroup[]
  /** Holder ids by (group, address). */
  readonly holders: HolderTable
  readonly holderAddress: readonly string[]
  readonly holderGroup: Int32Array
  /** Holder ids sorted by (chain, address, asset), the order of a result's holdings. */
  readonly holderOrder: Int32Array
  /** holder id → its place in `holderOrder`. */
  readonly holderRank: Int32Array
  /** row → group of a transfer with neither sender nor recipient. */
  readonly nullRowGroup: ReadonlyMap<number, number>
  readonly chains: readonly ChainId[]
  /** Whether block heights never decrease (the kernel needs it to place seeds by block). */
  readonly ordered: boolean
}

const ROW_BYTES = 16
const PAGE = 65_536
const MAX_PAGES = 65_536
const SMALL = 2n ** 63n
const BIG = 2n ** 128n
const INT64_MIN = -(2n ** 63n)

/** Builds the index from account-model transfers in chain order (one pass; the input may stream). */
export function buildTraceIndex(events: Iterable<TransferEvent>): TraceIndex {
  const builder = new Builder()
  for (const ev of events) builder.add(ev)
  return builder.finish()
}

class Builder {
  readonly memory = newMemory(64)
  i32 = new Int32Array(this.memory.buffer)
  i64 = new BigInt64Array(this.memory.buffer)
  rows = 0
  /** Amounts of 2^63 and more while building: low and high 64 bits (no bigint kept per row). */
  bigWords = new BigUint64Array(2 * 1024)
  bigCount = 0
  readonly oddAmounts = new Map<number, bigint>()
  readonly txOfRow = new IntList()
  readonly positionOfRow = new IntList()
  readonly positions: string[] = []
  readonly positionIds = new Map<string, number>()
  readonly txHashes = new HashList()
  readonly otherTxHashes = new Map<number, string>()
  readonly txBlock = new ExactInts()
  readonly txIndex = new ExactInts()
  readonly groups: HolderGroup[] = []
  readonly groupIds = new Map<string, Map<string, number>>()
  readonly holders = new HolderTable()
  readonly nullRowGroup = new Map<number, number>()
  readonly chains = new Set<ChainId>()
  ordered = true
  // The group and transaction of the previous row (events come in runs).
  lastChain = ''
  lastAsset = ''
  group = -1
  lastHash = ''
  lastTxChain = ''
  lastBlock = Number.NaN
  lastTxIndex = Number.NaN
  highestBlock = Number.NEGATIVE_INFINITY
  lastPosition: string | null = null
  position = -1
  /** Bytes of the memory (reading memory.buffer per row is slow). */
  capacity = this.memory.buffer.byteLength

  add(ev: TransferEvent): void {
    const row = this.rows
    if (ev.chain !== this.lastChain || ev.asset !== this.lastAsset) {
      this.group = this.groupOf(ev.chain, ev.asset)
      this.lastChain = ev.chain
      this.lastAsset = ev.asset
    }
    const from = ev.from === null ? -1 : this.holders.id(this.group, ev.from)
    const to = ev.to === null ? -1 : this.holders.id(this.group, ev.to)
    if (from < 0 && to < 0) this.nullRowGroup.set(row, this.group)
    if (
      ev.txHash !== this.lastHash ||
      ev.chain !== this.lastTxChain ||
      ev.blockHeight !== this.lastBlock ||
      ev.txIndex !== this.lastTxIndex
    ) {
      this.transaction(ev)
    }
    this.txOfRow.push(this.txHashes.count - 1)
    if (ev.position !== this.lastPosition) {
      let position = this.positionIds.get(ev.position)
      if (position === undefined) {
        position = this.positions.length
        this.positions.push(ev.position)
        this.positionIds.set(ev.position, position)
      }
      this.lastPosition = ev.position
      this.position = position
    }
    this.positionOfRow.push(this.position)
    const at = (KERNEL_RESERVED + row * ROW_BYTES) >> 2
    if (at * 4 + ROW_BYTES > this.capacity) this.grow()
    this.i32[at] = from
    this.i32[at + 1] = to
    const amount = ev.amount
    if (amount >= 0n && amount < SMALL) this.i64[(at >> 1) + 1] = amount
    else if (amount > 0n && amount < BIG) {
      // The marker -1 - k as a 64-bit integer, written as two 32-bit halves (no bigint made).
      this.i32[at + 2] = -1 - this.bigCount
      this.i32[at + 3] = -1
      if (2 * this.bigCount === this.bigWords.length) {
        const grown = new BigUint64Array(2 * this.bigWords.length)
        grown.set(this.bigWords)
        this.bigWords = grown
      }
      // A BigUint64Array keeps the amount modulo 2^64: its low half.
      this.bigWords[2 * this.bigCount] = amount
      this.bigWords[2 * this.bigCount + 1] = amount >> 64n
      this.bigCount++
    } else {
      this.i64[(at >> 1) + 1] = INT64_MIN
      this.oddAmounts.set(row, amount)
    }
    this.rows++
  }

  transaction(ev: TransferEvent): void {
    const offset = this.txHashes.reserve()
    if (!writeHash(ev.txHash, this.txHashes.data, offset)) {
      this.txHashes.data.fill(0, offset, offset + 32)
      this.otherTxHashes.set(this.txHashes.count - 1, ev.txHash)
    }
    this.txBlock.push(ev.blockHeight)
    this.txIndex.push(ev.txIndex)
    if (ev.chain !== this.lastTxChain) this.chains.add(ev.chain)
    if (!(ev.blockHeight >= this.highestBlock)) this.ordered = false
    else this.highestBlock = ev.blockHeight
    this.lastHash = ev.txHash
    this.lastTxChain = ev.chain
    this.lastBlock = ev.blockHeight
    this.lastTxIndex = ev.txIndex
  }

  groupOf(chain: ChainId, asset: string): number {
    let byAsset = this.groupIds.get(chain)
    if (byAsset === undefined) {
      byAsset = new Map()
      this.groupIds.set(chain, byAsset)
    }
    let id = byAsset.get(asset)
    if (id === undefined) {
      id = this.groups.length
      this.groups.push({ chain, asset })
      byAsset.set(asset, id)
    }
    return id
  }

  grow(): void {
    const pages = this.memory.buffer.byteLength / PAGE
    if (pages >= MAX_PAGES) {
      throw new ChainwatchError('input.too_large', 'A trace index holds at most 4 GiB of rows.', {
        meta: { transfers: this.rows },
      })
    }
    this.memory.grow(Math.min(pages, MAX_PAGES - pages))
    this.i32 = new Int32Array(this.memory.buffer)
    this.i64 = new BigInt64Array(this.memory.buffer)
    this.capacity = this.memory.buffer.byteLength
  }

  finish(): TraceIndex {
    const rowsPtr = KERNEL_RESERVED
    const bigPtr = rowsPtr + this.rows * ROW_BYTES
    const endPtr = bigPtr + this.bigCount * 16
    while (endPtr > this.memory.buffer.byteLength) this.grow()
    new BigUint64Array(this.memory.buffer, bigPtr, 2 * this.bigCount).set(
      this.bigWords.subarray(0, 2 * this.bigCount),
    )
    const holders = this.holders
    holders.trim()
    const holderOrder = sortHolders(holders, this.groups)
    const holderRank = new Int32Array(holderOrder.length)
    for (let k = 0; k < holderOrder.length; k++) holderRank[holderOrder[k] ?? 0] = k
    return {
      transfers: this.rows,
      memory: this.memory,
      rowsPtr,
      bigPtr,
      endPtr,
      bigCount: this.bigCount,
      oddAmounts: this.oddAmounts,
      txOfRow: this.txOfRow.trimmed(),
      positionOfRow: this.positionOfRow.trimmed(),
      positions: this.positions,
      txHashes: this.txHashes.trimmed(),
      otherTxHashes: this.otherTxHashes,
      txBlock: freeze(this.txBlock),
      txIndex: freeze(this.txIndex),
      groups: this.groups,
      holders,
      holderAddress: holders.addresses,
      holderGroup: holders.groupOf.data,
      holderOrder,
      holderRank,
      nullRowGroup: this.nullRowGroup,
      chains: [...this.chains],
      ordered: this.ordered,
    }
  }
}

/** Bytes held by the index's columns (typed arrays and the WebAssembly rows), by part. */
export function traceIndexBytes(index: TraceIndex): {
  readonly rows: number
  readonly transactions: number
  readonly rowColumns: number
  readonly holders: number
  readonly total: number
} {
  const rows = index.endPtr - index.rowsPtr
  const transactions =
    index.txHashes.byteLength + index.txBlock.values.byteLength + index.txIndex.values.byteLength
  const rowColumns = index.txOfRow.byteLength + index.positionOfRow.byteLength
  const holders =
    index.holders.byteLength() + index.holderOrder.byteLength + index.holderRank.byteLength
  return {
    rows,
    transactions,
    rowColumns,
    holders,
    total: rows + transactions + rowColumns + holders,
  }
}
