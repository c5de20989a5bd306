import { ChainwatchError } from '../../errors/index.js'
import { type BitcoinNetwork, bitcoinNetworks, networkOfMagic } from './BitcoinNetwork.js'
import { isAllZero } from './hashes.js'
import { type BlockFileFormat, sniffBlockBytes } from './sniffBlockBytes.js'

/** One block's bytes as a block file holds them (not yet decoded). */
export type RawBlock = {
  /** 0-based position of the block in the file. */
  readonly ordinal: number
  /** Byte offset of the block in the (decompressed) file; for hex files, the 1-based line. */
  readonly offset: number
  readonly bytes: Uint8Array
  /** The network a blk*.dat magic names; null for raw and hex files. */
  readonly network: BitcoinNetwork | null
}

/** Bitcoin Core's MAX_BLOCK_SERIALIZED_SIZE: a larger length field is corrupt or hostile. */
const maxBlockSize = 4_000_000

/**
 * Splits the bytes of a block file into blocks: blk*.dat framing (network magic + 4-byte
 * little-endian length + block, with the zero padding Bitcoin Core preallocates at the end), one
 * raw serialized block, or hex text with one block per line. bzip2 input needs
 * `readBlockFileAsync`. Lazy: a corrupt frame throws `block.invalid` when iteration reaches it.
 *
 * @example
 * for (const { ordinal, bytes } of readBlockFile(readFileSync('blk00000.dat'))) decodeBlock(bytes)
 */
export function readBlockFile(bytes: Uint8Array): Iterable<RawBlock> {
  const format = sniffBlockBytes(bytes.subarray(0, 256))
  switch (format) {
    case 'blk':
      return readFramedBlocks(bytes)
    case 'raw':
      return [{ ordinal: 0, offset: 0, bytes, network: null }]
    case 'hex':
      return readHexBlocks(bytes)
    case 'bzip2':
    case null:
      throw unreadable(format)
  }
}

function unreadable(format: BlockFileFormat | null): ChainwatchError {
  if (format === 'bzip2') {
    return new ChainwatchError(
      'import.format_unknown',
      'The block file is bzip2-compressed; read it with readBlockFileAsync.',
      { meta: { format } },
    )
  }
  return new ChainwatchError(
    'import.format_unknown',
    'The file is not a block file (blk*.dat, raw block, hex or bzip2).',
  )
}

function* readFramedBlocks(bytes: Uint8Array): Generator<RawBlock> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const network = networkOfMagic(bytes)
  const magic = network === null ? '' : bitcoinNetworks[network].magic
  let pos = 0
  let ordinal = 0
  while (pos < bytes.length) {
    if (isAllZero(bytes, pos)) return
    const frameMagic = networkOfMagic(bytes.subarray(pos, pos + 4))
    if (frameMagic !== network) {
      throw frameError(`expected network magic ${magic}`, { ordinal, offset: pos })
    }
    if (pos + 8 > bytes.length) {
      throw frameError('the file ends inside a block length', { ordinal, offset: pos })
    }
    const size = view.getUint32(pos + 4, true)
    const start = pos + 8
    if (size < 80 || size > maxBlockSize) {
      throw frameError(`block length ${size} is not 80..${maxBlockSize} bytes`, {
        ordinal,
        offset: pos,
      })
    }
    if (start + size > bytes.length) {
      throw frameError(
        `block length ${size} runs past the end of the file (${bytes.length} bytes)`,
        {
          ordinal,
          offset: pos,
        },
      )
    }
    yield { ordinal, offset: start, bytes: bytes.subarray(start, start + size), network }
    pos = start + size
    ordinal += 1
  }
}

function frameError(reason: string, meta: { ordinal: number; offset: number }): ChainwatchError {
  return new ChainwatchError(
    'block.invalid',
    `Block file is invalid at byte ${meta.offset} (block ${meta.ordinal}): ${reason}.`,
    { meta },
  )
}

function* readHexBlocks(bytes: Uint8Array): Generator<RawBlock> {
  const lines = new TextDecoder().decode(bytes).split('\n')
  let ordinal = 0
  for (const [index, line] of lines.entries()) {
    const text = line.trim()
    if (text === '') continue
    if (text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) {
      throw new ChainwatchError(
        'block.invalid',
        `Block file line ${index + 1} is not an even number of hex digits.`,
        { meta: { line: index + 1, ordinal } },
      )
    }
    yield { ordinal, offset: index + 1, bytes: Buffer.from(text, 'hex'), network: null }
    ordinal += 1
  }
}
