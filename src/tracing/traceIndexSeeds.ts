import type { TraceSeed } from './TraceEvent.js'
import type { TraceIndex } from './traceIndex.js'
import { exactAt, writeHash } from './traceIndexColumns.js'

/**
 * The rows the transfer seeds select, ascending: as in `traceForward`, a seed names a
 * transaction of the index's chain by its exact hash string, and a position (all positions when
 * omitted); rows before `fromBlock` or from `endRow` on are left out.
 */
export function seededRows(
  index: TraceIndex,
  seeds: readonly TraceSeed[],
  endRow: number,
  fromBlock: number,
): Int32Array {
  const chain = index.chains[0]
  const selections = new Map<string, Set<string> | null>()
  for (const seed of seeds) {
    // Output seeds never reach here (runTraceIndex leaves them to the general engine).
    if (seed.kind !== 'transfer' || seed.chain !== chain) continue
    const part = seed.position
    const selection = selections.get(seed.txHash)
    if (part === undefined || selection === null) selections.set(seed.txHash, null)
    else if (selection === undefined) selections.set(seed.txHash, new Set([String(part)]))
    else selection.add(String(part))
  }
  if (selections.size === 0) return new Int32Array(0)
  const rows: number[] = []
  for (const [tx, selection] of matchingTransactions(index, selections)) {
    if (!(exactAt(index.txBlock, tx) >= fromBlock)) continue
    for (let row = firstRowOf(index, tx); row < endRow && index.txOfRow[row] === tx; row++) {
      const position = index.positions[index.positionOfRow[row] ?? 0] ?? ''
      if (selection === null || selection.has(position)) rows.push(row)
    }
  }
  return Int32Array.from(rows).sort()
}

/** Transactions whose hash is one of the selections' keys, with the selection. */
function matchingTransactions(
  index: TraceIndex,
  selections: ReadonlyMap<string, Set<string> | null>,
): [number, Set<string> | null][] {
  const found: [number, Set<string> | null][] = []
  const wanted: { bytes: Uint8Array; first: number; selection: Set<string> | null }[] = []
  for (const [hash, selection] of selections) {
    const bytes = new Uint8Array(32)
    if (writeHash(hash, bytes, 0)) {
      const first = new Uint32Array(bytes.buffer, 0, 1)[0] ?? 0
      wanted.push({ bytes, first, selection })
    }
  }
  const hashes = index.txHashes
  const words = new Uint32Array(hashes.buffer, hashes.byteOffset, hashes.byteLength >> 2)
  const count = hashes.byteLength >> 5
  const other = index.otherTxHashes
  if (wanted.length > 0) {
    for (let tx = 0; tx < count; tx++) {
      const first = words[tx << 3]
      for (const w of wanted) {
        if (w.first !== first || !sameHash(hashes, tx << 5, w.bytes)) continue
        if (other.size === 0 || !other.has(tx)) found.push([tx, w.selection])
      }
    }
  }
  for (const [tx, hash] of other) {
    const selection = selections.get(hash)
    if (selection !== undefined) found.push([tx, selection])
  }
  return found
}

function sameHash(hashes: Uint8Array, offset: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (hashes[offset + i] !== bytes[i]) return false
  return true
}

/** The first row of transaction `tx` (rows of a transaction are contiguous). */
function firstRowOf(index: TraceIndex, tx: number): number {
  let low = 0
  let high = index.transfers
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((index.txOfRow[mid] ?? 0) >= tx) high = mid
    else low = mid + 1
  }
  return low
}
