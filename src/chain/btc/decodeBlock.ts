import { ChainwatchError } from '../../errors/index.js'
import { bip34Height } from './bip34Height.js'
import { at, createCursor, fail, plural, readCount, remaining } from './Cursor.js'
import { merkleRootOf } from './computeMerkleRoot.js'
import type { DecodedBlock, DecodedTransaction } from './DecodedBlock.js'
import { readBlockHeader } from './decodeBlockHeader.js'
import { reversedHex } from './hashes.js'
import { readTransaction } from './readTransaction.js'

/** Version (4) + input count (1) + one minimal input (41) + output count (1) + one minimal output (9) + lock time (4). */
const minTransactionSize = 60

/**
 * Decodes a serialized block (header and transactions, segwit aware) and checks that it hangs
 * together: a coinbase first and only first, no bytes after the last transaction, and a merkle
 * root over the decoded txids that equals the header's. Anything else throws `block.invalid`
 * naming the byte and what was being read, e.g. `Block is truncated at byte 1234 while reading
 * transaction 17 output 2 script.` Transactions, inputs and outputs are counted from 0.
 *
 * @example
 * const block = decodeBlock(readFileSync('block.blk'))
 * block.hash, block.height, block.transactions[0].txid
 */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  const cursor = createCursor(bytes, 'Block')
  const header = readBlockHeader(cursor)
  at(cursor, 'transaction count')
  const countStart = cursor.pos
  const count = readCount(cursor, minTransactionSize, 'transaction')
  if (count === 0) fail(cursor, 'a block needs at least a coinbase transaction', countStart)
  const transactions: DecodedTransaction[] = []
  const hashes: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    cursor.tx = i
    const start = cursor.pos
    const { transaction, hash } = readTransaction(cursor)
    at(cursor, '')
    const coinbase = transaction.inputs[0]?.coinbase === true
    if (i === 0 && !coinbase) fail(cursor, 'the first transaction is not a coinbase', start)
    if (i > 0 && coinbase) fail(cursor, 'only the first transaction may be a coinbase', start)
    transactions.push(transaction)
    hashes.push(hash)
  }
  cursor.tx = -1
  if (remaining(cursor) > 0) {
    at(cursor, 'end of block')
    fail(cursor, `${plural(remaining(cursor), 'unexpected byte')} after the last transaction`)
  }
  const merkleRoot = reversedHex(merkleRootOf(hashes))
  if (merkleRoot !== header.merkleRoot) {
    throw new ChainwatchError(
      'block.invalid',
      `Block ${header.hash} does not match its header: the merkle root of its transactions differs.`,
      { meta: { header: header.merkleRoot, transactions: merkleRoot } },
    )
  }
  const coinbaseScript = transactions[0]?.inputs[0]?.scriptSig
  const height = header.version >= 2 && coinbaseScript ? bip34Height(coinbaseScript) : null
  return { ...header, height, size: bytes.length, transactions }
}
