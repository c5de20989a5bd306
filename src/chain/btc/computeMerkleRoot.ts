import { ChainwatchError } from '../../errors/index.js'
import { bytesOfReversedHex, hash256, reversedHex } from './hashes.js'

/** Merkle root over raw (internal byte order) hashes; the last one is paired with itself. */
export function merkleRootOf(hashes: readonly Uint8Array[]): Uint8Array {
  let level = hashes
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] ?? new Uint8Array(32)
      next.push(hash256(left, level[i + 1] ?? left))
    }
    level = next
  }
  const root = level[0]
  if (root === undefined)
    throw new ChainwatchError('internal', 'A merkle root needs at least one hash.')
  return root
}

/**
 * The merkle root of a block's txids (display hex in, display hex out), as its header commits.
 *
 * @example
 * computeMerkleRoot(block.transactions.map((tx) => tx.txid)) === block.merkleRoot
 */
export function computeMerkleRoot(txids: readonly string[]): string {
  if (txids.length === 0) {
    throw new ChainwatchError('input.invalid', 'A merkle root needs at least one txid.')
  }
  const hashes = txids.map((txid) => {
    if (!/^[0-9a-fA-F]{64}$/.test(txid)) {
      throw new ChainwatchError('input.invalid', `Txid "${txid}" is not 64 hex characters.`, {
        meta: { input: txid },
      })
    }
    return bytesOfReversedHex(txid)
  })
  return reversedHex(merkleRootOf(hashes))
}
