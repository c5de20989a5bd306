import type { ChainId } from '../../chain/index.js'
import type { ParsedRecord } from '../ParsedRow.js'
import type { FieldSource } from './FieldSource.js'

/**
 * Turns the fields of one export row into records. `map` throws `import.row_invalid` for a
 * malformed row (the row parser catches it); a valid row that moves no value yields `[]`.
 */
export type RowMapper = {
  /** Columns a CSV header must name; JSON rows report missing fields one by one instead. */
  readonly requiredColumns: readonly string[]
  map(row: FieldSource, chain: ChainId): readonly ParsedRecord[]
}
