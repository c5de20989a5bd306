import { readFile } from 'node:fs/promises'
import { ChainwatchError } from '../../errors/index.js'
import { decompressBzip2 } from './decompressBzip2.js'
import { type RawBlock, readBlockFile } from './readBlockFile.js'
import { sniffBlockBytes } from './sniffBlockBytes.js'

/**
 * Reads a block file like `readBlockFile`, first decompressing bzip2 input. `source` is a file
 * path or the file's bytes. A missing or unreadable file throws `import.file_unreadable`.
 *
 * @example
 * for (const { bytes } of await readBlockFileAsync('blocks1-256.bz2')) decodeBlock(bytes)
 */
export async function readBlockFileAsync(source: string | Uint8Array): Promise<Iterable<RawBlock>> {
  const bytes = typeof source === 'string' ? await readSource(source) : source
  if (sniffBlockBytes(bytes.subarray(0, 4)) === 'bzip2') {
    return readBlockFile(await decompressBzip2(bytes))
  }
  return readBlockFile(bytes)
}

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (cause) {
    throw new ChainwatchError('import.file_unreadable', `Block file "${path}" cannot be read.`, {
      meta: { file: path },
      cause,
    })
  }
}
