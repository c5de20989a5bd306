import {
  type InputRecord,
  nullDataPayload,
  type OutputRecord,
  parseAddress,
  type TransactionRecord,
} from '../../chain/index.js'
import { isChainwatchError } from '../../errors/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import { bitcoinScriptType } from './bitcoinScriptType.js'
import { type FieldSource, isJsonObject, jsonFields } from './FieldSource.js'
import type { RowMapper } from './RowMapper.js'
import {
  fieldLabel,
  invalidField,
  readAmount,
  readAmountOrNull,
  readArray,
  readBitcoinHash,
  readBitcoinHashOrNull,
  readBoolean,
  readInteger,
  readIntegerOrNull,
  readText,
  readTextOrNull,
} from './readFields.js'
import { describeValue, rowInvalid } from './rowInvalid.js'

/**
 * A bitcoin-etl / BigQuery `crypto_bitcoin.transactions` row (nested inputs and outputs) → the
 * transaction, one output record per output and one input record per input.
 *
 * - Coinbase: bitcoin-etl drops the coinbase input; we emit it back as input 0 with no spent
 *   output, as the raw-block codec does. A coinbase pays no fee (fee 0).
 * - Fee: inputs total − outputs total when every input's value is known (enriched exports),
 *   else null. The exported `fee` is not used: it is `-output_value` for unenriched rows.
 * - Addresses: an output's single address; null when it has none or several (bare multisig),
 *   and for bitcoin-etl's `nonstandard…` pseudo-addresses (a hash of the script, not an address).
 * - `index` (position in the block): bitcoin-etl writes it, BigQuery `crypto_bitcoin` does not;
 *   then it is null (a coinbase is always 0), and chain order within the block is unknown.
 */
export const mapBitcoinTransaction: RowMapper = {
  requiredColumns: ['hash', 'block_number', 'is_coinbase', 'inputs', 'outputs'],
  map(row, chain) {
    const hash = readBitcoinHash(row, 'hash')
    const blockHeight = readInteger(row, 'block_number')
    const coinbase = readBoolean(row, 'is_coinbase')
    const txIndex = readIntegerOrNull(row, 'index') ?? (coinbase ? 0 : null)
    const at = { chain, txHash: hash, blockHeight, txIndex }

    const outputs = nested(row, 'outputs').map((output) => mapOutput(output, at))
    const outputTotal = outputs.reduce((sum, output) => sum + output.value, 0n)
    const declaredTotal = readAmountOrNull(row, 'output_value')
    if (declaredTotal !== null && declaredTotal !== outputTotal) {
      throw invalidField(
        row,
        'output_value',
        row.get('output_value'),
        `is not the sum of the output values (${outputTotal})`,
      )
    }

    const inputRows = nested(row, 'inputs')
    if (!coinbase && inputRows.length === 0) {
      throw rowInvalid(`${fieldLabel(row, 'inputs')} is empty for a non-coinbase transaction`)
    }
    const inputs =
      coinbase && inputRows.length === 0
        ? [coinbaseInput(at, 0)]
        : inputRows.map((input) => mapInput(input, at, coinbase))

    const transaction: TransactionRecord = {
      chain,
      hash,
      blockHeight,
      blockHash: readBitcoinHashOrNull(row, 'block_hash'),
      index: txIndex,
      from: null,
      to: null,
      value: outputTotal,
      fee: coinbase ? 0n : feeOf(row, inputs, outputTotal),
      success: true,
    }
    return [
      { type: 'transaction', record: transaction },
      ...outputs.map((record): ParsedRecord => ({ type: 'output', record })),
      ...inputs.map((record): ParsedRecord => ({ type: 'input', record })),
    ]
  },
}

type Placement = Pick<OutputRecord, 'chain' | 'txHash' | 'blockHeight' | 'txIndex'>

/** The objects of a nested array field, each readable as fields named `outputs[2].value`. */
function nested(row: FieldSource, name: string): FieldSource[] {
  return readArray(row, name).map((item, index) => {
    const prefix = `${row.prefix}${name}[${index}]`
    if (!isJsonObject(item)) {
      throw rowInvalid(`field "${prefix}": ${describeValue(item)} is not an object`)
    }
    return jsonFields(item, `${prefix}.`)
  })
}

function mapOutput(output: FieldSource, at: Placement): OutputRecord {
  const type = readText(output, 'type')
  const scriptHex = readTextOrNull(output, 'script_hex')
  const scriptType = bitcoinScriptType(type, scriptHex)
  if (scriptType === undefined)
    throw invalidField(output, 'type', type, 'is not a known script type')
  // OP_RETURN payloads carry bridge memos (`OUT:<hash>`), which tracing matches on.
  const data =
    scriptType === 'nulldata' && scriptHex !== null && /^([0-9a-f]{2})*$/i.test(scriptHex)
      ? nullDataPayload(Buffer.from(scriptHex, 'hex'))
      : null
  return {
    ...at,
    index: readInteger(output, 'index'),
    address: readAddress(output),
    value: readAmount(output, 'value'),
    scriptType,
    ...(data === null ? {} : { data }),
  }
}

function mapInput(input: FieldSource, at: Placement, coinbase: boolean): InputRecord {
  const index = readInteger(input, 'index')
  // A coinbase row that keeps its coinbase input shows it with no spent transaction.
  if (coinbase && input.get('spent_transaction_hash') == null) return coinbaseInput(at, index)
  return {
    ...at,
    index,
    spentTxHash: readBitcoinHash(input, 'spent_transaction_hash'),
    spentOutputIndex: readInteger(input, 'spent_output_index'),
    address: readAddress(input),
    value: readAmountOrNull(input, 'value'),
  }
}

function coinbaseInput(at: Placement, index: number): InputRecord {
  return { ...at, index, spentTxHash: null, spentOutputIndex: null, address: null, value: null }
}

/**
 * The one address of an output (or of the output an input spends), or null. Checked with the
 * address codec (mainnet, checksum) and stored in its normal form (bech32 lowercase).
 */
function readAddress(item: FieldSource): string | null {
  const addresses = item.get('addresses')
  if (addresses === undefined || addresses === null) return null
  if (!Array.isArray(addresses)) throw invalidField(item, 'addresses', addresses, 'is not an array')
  if (addresses.length !== 1) return null
  const [address] = addresses
  if (typeof address !== 'string') {
    throw invalidField(item, 'addresses', address, 'is not a bitcoin address')
  }
  if (address.startsWith('nonstandard')) return null
  try {
    return parseAddress({ chain: 'bitcoin', input: address, network: 'mainnet' }).normalized
  } catch (error) {
    if (!isChainwatchError(error, 'address.invalid')) throw error
    throw invalidField(item, 'addresses', address, `is not a bitcoin address (${error.details})`)
  }
}

function feeOf(
  row: FieldSource,
  inputs: readonly InputRecord[],
  outputTotal: bigint,
): bigint | null {
  let inputTotal = 0n
  for (const input of inputs) {
    if (input.value === null) return null
    inputTotal += input.value
  }
  if (inputTotal < outputTotal) {
    throw rowInvalid(
      `${fieldLabel(row, 'inputs')}: input values total ${inputTotal}, less than the outputs' ${outputTotal}`,
    )
  }
  return inputTotal - outputTotal
}
