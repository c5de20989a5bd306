import { NATIVE_ASSET, transferPosition } from '../../chain/index.js'
import type { FieldSource } from './FieldSource.js'
import type { RowMapper } from './RowMapper.js'
import {
  fieldLabel,
  invalidField,
  readAmountOrNull,
  readEvmAddress,
  readEvmAddressOrNull,
  readEvmHash,
  readInteger,
  readIntegerOrNull,
  readText,
  readTextOrNull,
} from './readFields.js'
import { rowInvalid } from './rowInvalid.js'

/**
 * Trace types that never move value between accounts of a transaction:
 * - reward (block/uncle rewards), genesis (initial allocations) and daofork (the DAO refund
 *   state change) mint or move value outside any transaction, so there is no `txHash` to key a
 *   transfer with and no sender to trace back from;
 * - the call types other than `call`: delegatecall and staticcall carry no value of their own,
 *   and callcode runs the callee's code in the caller's account, so its value goes from the
 *   caller to itself.
 */
const SKIPPED_TRACE_TYPES = new Set(['reward', 'genesis', 'daofork'])
const TRACE_TYPES = new Set(['call', 'create', 'suicide', ...SKIPPED_TRACE_TYPES])
const CALL_TYPES = new Set(['call', 'callcode', 'delegatecall', 'staticcall'])

/**
 * An ethereum-etl / BigQuery `traces` row → a native-value transfer for a successful,
 * value-carrying `call` (call_type call), `create` or `suicide` (to the refund address).
 * The top-level trace (empty trace_address) is the transaction's own value, keyed exactly like
 * the `native` transfer from the transactions export so that importing both stays idempotent;
 * nested ones are `internal`, positioned by their trace address.
 *
 * Failure: ethereum-etl's `status` is 0 when the trace or any ancestor failed. Exports without a
 * status (geth-extracted traces) fall back to the trace's own `error`, which cannot see a failed
 * ancestor — but those exports lack `transaction_hash` as well, which a transfer needs.
 */
export const mapTrace: RowMapper = {
  requiredColumns: ['trace_type', 'value', 'trace_address', 'transaction_hash', 'block_number'],
  map(row, chain) {
    const traceType = readText(row, 'trace_type')
    if (!TRACE_TYPES.has(traceType)) {
      throw invalidField(row, 'trace_type', traceType, 'is not a known trace type')
    }
    const blockHeight = readInteger(row, 'block_number')
    if (SKIPPED_TRACE_TYPES.has(traceType)) return []
    if (traceType === 'call') {
      const callType = readText(row, 'call_type')
      if (!CALL_TYPES.has(callType)) {
        throw invalidField(row, 'call_type', callType, 'is not a known call type')
      }
      if (callType !== 'call') return []
    }
    // geth-extracted suicide traces leave value empty: nothing is known to move.
    const value = readAmountOrNull(row, 'value') ?? 0n
    if (value === 0n || failed(row)) return []
    const traceAddress = readTraceAddress(row)
    const topLevel = traceAddress.length === 0
    return [
      {
        type: 'transfer',
        record: {
          chain,
          txHash: readEvmHash(row, 'transaction_hash'),
          kind: topLevel ? 'native' : 'internal',
          position: topLevel ? transferPosition.native() : transferPosition.internal(traceAddress),
          asset: NATIVE_ASSET,
          from: readEvmAddress(row, 'from_address'),
          to: readEvmAddressOrNull(row, 'to_address'),
          amount: value,
          blockHeight,
          txIndex: readIntegerOrNull(row, 'transaction_index'),
        },
      },
    ]
  },
}

function failed(row: FieldSource): boolean {
  const status = readIntegerOrNull(row, 'status')
  if (status !== null) return status === 0
  return readTextOrNull(row, 'error') !== null
}

/** `[0, 2, 1]` from a JSON array, or from the comma-joined text of CSV and BigQuery (`0,2,1`). */
function readTraceAddress(row: FieldSource): readonly number[] {
  const value = row.get('trace_address')
  if (value === undefined) throw rowInvalid(`missing ${fieldLabel(row, 'trace_address')}`)
  if (value === null || value === '') return []
  const steps: readonly unknown[] | null =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null
  if (steps === null) {
    throw invalidField(row, 'trace_address', value, 'is not a list of non-negative integers')
  }
  const path: number[] = []
  for (const step of steps) {
    const number =
      typeof step === 'number' ? step : typeof step === 'string' && /^\d+$/.test(step) ? +step : -1
    if (!Number.isSafeInteger(number) || number < 0) {
      throw invalidField(row, 'trace_address', value, 'is not a list of non-negative integers')
    }
    path.push(number)
  }
  return path
}
