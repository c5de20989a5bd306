/**
 * Read access to the fields of one source row, whatever its encoding: mappers are written
 * once against this and work on CSV cells and JSON objects alike.
 */
export type FieldSource = {
  /** How messages name a value: `column "value"` in CSV, `field "outputs[0].value"` in JSON. */
  readonly noun: 'column' | 'field'
  /** Path of a nested JSON object (`outputs[0].`), prepended to field names in messages. */
  readonly prefix: string
  /** The raw value: undefined when the row has no such field, null when it is empty or null. */
  get(name: string): unknown
}

/**
 * Fields of CSV rows under one header. The source is reused row after row (`setCells`), which
 * spares two allocations per row on the hot path of million-row imports; an empty cell reads
 * as null (ethereum-etl writes None as '').
 */
export function csvFields(columns: ReadonlyMap<string, number>): {
  readonly source: FieldSource
  setCells(cells: readonly string[]): void
} {
  let current: readonly string[] = []
  return {
    source: {
      noun: 'column',
      prefix: '',
      get(name) {
        const index = columns.get(name)
        if (index === undefined) return undefined
        const cell = current[index]
        return cell === '' || cell === undefined ? null : cell
      },
    },
    setCells(cells) {
      current = cells
    },
  }
}

/** Fields of one JSON object, optionally nested under `prefix` for messages. */
export function jsonFields(object: Readonly<Record<string, unknown>>, prefix = ''): FieldSource {
  return {
    noun: 'field',
    prefix,
    get: (name) => (Object.hasOwn(object, name) ? object[name] : undefined),
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
