import { at, createCursor, fail, plural, remaining } from './Cursor.js'
import type { DecodedTransaction } from './DecodedBlock.js'
import { readTransaction } from './readTransaction.js'

/**
 * Decodes one serialized transaction (legacy or BIP 144 segwit), as `getrawtransaction` returns.
 * Throws `block.invalid` naming the byte and the field when the bytes are malformed or truncated.
 *
 * @example
 * decodeTransaction(hex.decode(rawTxHex)).txid
 */
export function decodeTransaction(bytes: Uint8Array): DecodedTransaction {
  const cursor = createCursor(bytes, 'Transaction')
  const { transaction } = readTransaction(cursor)
  if (remaining(cursor) > 0) {
    at(cursor, 'end of transaction')
    fail(cursor, `${plural(remaining(cursor), 'unexpected byte')} after the lock time`)
  }
  return transaction
}
