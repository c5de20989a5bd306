import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { type ChainId, readBlockFileAsync, sniffBlockBytes, sniffLength } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { createRowParser, detectSource } from './formats/index.js'
import type { ParsedRow, RecordKind, SourceFormat } from './ParsedRow.js'
import { rawBlockRows } from './rawBlockRows.js'
import { MAX_LINE_CHARS, readLines } from './readLines.js'
import type { Source } from './Source.js'

export type OpenSourceParameters = {
  readonly path: string
  /** Forces the format instead of detecting it. */
  readonly format?: SourceFormat
  /** Forces the record kind instead of detecting it. */
  readonly kind?: RecordKind
  /** Defaults to bitcoin for Bitcoin formats and ethereum for ethereum-etl. */
  readonly chain?: ChainId
}

/** Bytes read to detect a file's format and kind. */
const HEAD_BYTES = 64 * 1024

/**
 * Opens one input file: detects its format and record kind from its content (then its name),
 * and returns its rows as a lazy stream. Throws `import.file_unreadable` or
 * `import.format_unknown` before anything is read into the store.
 */
export async function openSource(parameters: OpenSourceParameters): Promise<Source> {
  const file = parameters.path
  const absolute = resolve(file)
  const { size, mtimeMs } = await statFile(absolute, file)
  const head = await readHead(absolute, file)
  const { format, kind } = detect(parameters, head)
  const key = `${absolute}:${size}:${Math.trunc(mtimeMs)}`

  if (format === 'bitcoin-raw') {
    const chain = parameters.chain ?? 'bitcoin'
    if (chain !== 'bitcoin') {
      throw new ChainwatchError(
        'input.invalid',
        `Raw Bitcoin blocks cannot be imported as ${chain}.`,
        {
          meta: { file, chain },
        },
      )
    }
    let bytesRead = 0
    return {
      file,
      format,
      kind,
      key,
      totalBytes: size,
      bytesRead: () => bytesRead,
      rows: (async function* () {
        const blocks = await readBlockFileAsync(absolute)
        for (const run of rawBlockRows(blocks, chain)) {
          yield run
          bytesRead = Math.min(size, bytesRead + size / 1000)
        }
        bytesRead = size
      })(),
    }
  }

  const parser = createRowParser({
    format,
    kind,
    ...(parameters.chain === undefined ? {} : { chain: parameters.chain }),
  })
  const reader = readLines(absolute)
  return {
    file,
    format,
    kind,
    key,
    totalBytes: size,
    bytesRead: reader.bytesRead,
    rows: (async function* () {
      for await (const lines of reader.lines) {
        const rows: ParsedRow[] = []
        for (const { line, text } of lines) {
          const row =
            text === null
              ? { line, error: `line is longer than ${MAX_LINE_CHARS} characters` }
              : parser.parse(text, line)
          if (row !== null) rows.push(row)
        }
        yield rows
      }
    })(),
  }
}

function detect(
  parameters: OpenSourceParameters,
  head: Uint8Array,
): { format: SourceFormat; kind: RecordKind } {
  const { path, format, kind } = parameters
  if (format === 'bitcoin-raw') return { format, kind: 'raw_blocks' }
  const layout = sniffBlockBytes(head.subarray(0, sniffLength))
  if (format === undefined && (layout === 'bzip2' || layout === 'blk')) {
    return { format: 'bitcoin-raw', kind: 'raw_blocks' }
  }
  const detected = detectSource({ fileName: path, head: Buffer.from(head).toString('utf8') })
  if (format === undefined && detected === null && (layout === 'hex' || layout === 'raw')) {
    return { format: 'bitcoin-raw', kind: 'raw_blocks' }
  }
  const chosenFormat = format ?? detected?.format
  const chosenKind = kind ?? detected?.kind
  if (chosenFormat === undefined || chosenKind === undefined) {
    throw new ChainwatchError(
      'import.format_unknown',
      `Cannot tell the ${chosenFormat === undefined ? 'format' : 'record kind'} of ${path}.`,
      {
        meta: { file: path },
        details:
          'Expected an ethereum-etl / BigQuery crypto_ethereum export (blocks, transactions, token_transfers, traces, logs as CSV or JSON lines), a bitcoin-etl export (JSON lines), or raw Bitcoin blocks; use --format and --kind to force one.',
      },
    )
  }
  return { format: chosenFormat, kind: chosenKind }
}

async function statFile(absolute: string, file: string) {
  try {
    const info = await stat(absolute)
    if (!info.isFile()) throw new Error('not a regular file')
    return info
  } catch (cause) {
    throw unreadable(file, cause)
  }
}

async function readHead(absolute: string, file: string): Promise<Uint8Array> {
  try {
    const handle = await open(absolute, 'r')
    try {
      const buffer = new Uint8Array(HEAD_BYTES)
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch (cause) {
    throw unreadable(file, cause)
  }
}

function unreadable(file: string, cause: unknown): ChainwatchError {
  return new ChainwatchError('import.file_unreadable', `Cannot read ${file}.`, {
    meta: { file },
    cause,
  })
}
