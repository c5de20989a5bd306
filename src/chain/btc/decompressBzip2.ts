import unbzip2 from 'unbzip2-stream'
import { ChainwatchError } from '../../errors/index.js'

/**
 * Decompresses bzip2 data (one or more concatenated streams) held in memory. Corrupt or
 * truncated data rejects with `block.invalid`.
 *
 * @example
 * const bytes = await decompressBzip2(readFileSync('blocks1-256.bz2'))
 */
export function decompressBzip2(compressed: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const fail = (cause: unknown) =>
      reject(
        new ChainwatchError('block.invalid', 'The bzip2 data is corrupt or truncated.', {
          meta: { length: compressed.length },
          cause,
        }),
      )
    const chunks: Buffer[] = []
    const stream = unbzip2()
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('error', fail)
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    try {
      stream.write(Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength))
      stream.end()
    } catch (error) {
      fail(error)
    }
  })
}
