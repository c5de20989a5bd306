import type { ParsedRow, RecordKind, SourceFormat } from './ParsedRow.js'

/** An opened input file: what it holds and its rows, parsed lazily as they are read. */
export type Source = {
  readonly file: string
  readonly format: SourceFormat
  readonly kind: RecordKind
  /** Checkpoint key: absolute path, size and modification time, so a changed file starts over. */
  readonly key: string
  /** Parsed rows in runs (per chunk read), in file order. */
  readonly rows: AsyncIterable<readonly ParsedRow[]>
  readonly totalBytes: number
  bytesRead(): number
}
