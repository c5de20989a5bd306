import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseChainId } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type { ResolveResult, Store } from '../store/index.js'
import type { ImportSummary } from './ImportSummary.js'
import { type ImportProgress, importSource } from './importSource.js'
import { openSource } from './openSource.js'
import { recordKinds, sourceFormats } from './ParsedRow.js'
import type { Source } from './Source.js'

export type ImportFilesParameters = {
  readonly paths: readonly string[]
  /** Forces the format of every file (`sourceFormats`). */
  readonly format?: string
  /** Forces the record kind of every file (`recordKinds`). */
  readonly kind?: string
  /** Chain name; defaults by format. */
  readonly chain?: string
  readonly strict?: boolean
  readonly batchSize?: number
  readonly onProgress?: (progress: ImportProgress) => void
}

export type ImportFilesResult = {
  readonly files: readonly ImportSummary[]
  /** What the store filled in after the files were imported (inputs' spent outputs, tx indexes). */
  readonly resolved: ResolveResult
  readonly durationMs: number
}

/**
 * Imports files into the store: every file is opened and its format detected first, so a missing
 * or unrecognisable file fails before anything is written; then each is imported in checkpointed
 * batches, and cross-file references are resolved at the end.
 *
 * @example
 * await importFiles({ store }, { paths: ['blocks.csv', 'transactions.csv'] })
 */
export async function importFiles(
  deps: { readonly store: Pick<Store, 'writeBatch' | 'checkpoint' | 'resolvePending'> },
  parameters: ImportFilesParameters,
): Promise<ImportFilesResult> {
  const started = performance.now()
  const { paths, strict = false, batchSize, onProgress } = parameters
  if (paths.length === 0) {
    throw new ChainwatchError('input.invalid', 'No files to import.', { meta: { paths: [] } })
  }
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new ChainwatchError(
      'input.invalid',
      `Batch size ${batchSize} is not a positive integer.`,
      {
        meta: { batchSize },
      },
    )
  }
  const format = oneOf(parameters.format, sourceFormats, 'format')
  const kind = oneOf(parameters.kind, recordKinds, 'record kind')
  const chain = parameters.chain === undefined ? undefined : parseChainId(parameters.chain)

  const sources: Source[] = []
  for (const path of await expandDirectories(paths)) {
    sources.push(
      await openSource({
        path,
        ...(format === undefined ? {} : { format }),
        ...(kind === undefined ? {} : { kind }),
        ...(chain === undefined ? {} : { chain }),
      }),
    )
  }
  const files: ImportSummary[] = []
  for (const source of sources) {
    files.push(
      await importSource(deps, {
        source,
        strict,
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(onProgress === undefined ? {} : { onProgress }),
      }),
    )
  }
  const resolved = await deps.store.resolvePending()
  return { files, resolved, durationMs: performance.now() - started }
}

/** A directory stands for the files directly in it, in name order (hidden files left out). */
async function expandDirectories(paths: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) {
    const info = await stat(path).catch(() => null)
    if (info?.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true })
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isFile() && !entry.name.startsWith('.')) files.push(join(path, entry.name))
      }
    } else {
      files.push(path)
    }
  }
  return files
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
): T | undefined {
  if (value === undefined) return undefined
  const match = allowed.find((candidate) => candidate === value)
  if (match !== undefined) return match
  throw new ChainwatchError('input.invalid', `Unknown ${what} "${value}".`, {
    meta: { input: value, allowed: allowed.join(', ') },
  })
}
