import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isChainwatchError } from '../../errors/index.js'
import {
  decodeBlock,
  decodeBlockHeader,
  decompressBzip2,
  type RawBlock,
  readBlockFile,
  readBlockFileAsync,
  sniffBlockBytes,
  sniffLength,
} from './index.js'

const blockPath = (name: string) =>
  fileURLToPath(new URL(`../../../../shared/data/bitcoin-blocks/${name}`, import.meta.url))
const readBlocks = (name: string) => new Uint8Array(readFileSync(blockPath(name)))
const rawBlockFile =
  'btcd_block-00000000000000000021868c2cefc52a480d173c849412fe81c4e5ab806f94ab.blk'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

async function rejected(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('sniffBlockBytes', () => {
  test.each([
    { file: 'btcd_blocks1-256.bz2', format: 'bzip2' },
    { file: 'btcd_277647.dat.bz2', format: 'bzip2' },
    { file: rawBlockFile, format: 'raw' },
    { file: 'btcd_blockheaders-mainnet-1-11.txt', format: 'hex' },
    { file: 'btcd_bip69-1.hex', format: 'hex' },
    { file: 'rustbitcoin_blockfilters.json', format: null },
  ])('default: $file', ({ file, format }) => {
    expect(sniffBlockBytes(readBlocks(file).subarray(0, 256))).toBe(format)
  })

  test('default: blk framing of each network', async () => {
    const blk = await decompressBzip2(readBlocks('btcd_blocks1-256.bz2'))
    expect(sniffBlockBytes(blk.subarray(0, sniffLength))).toBe('blk')
    for (const magic of ['0b110907', '1c163f28', '0a03cf40', 'fabfb5da']) {
      expect(
        sniffBlockBytes(Uint8Array.from([...Buffer.from(magic, 'hex'), ...blk.subarray(4)])),
      ).toBe('blk')
    }
  })

  test('behavior: too few bytes to tell a raw block', () => {
    expect(sniffBlockBytes(readBlocks(rawBlockFile).subarray(0, sniffLength - 1))).toBeNull()
    expect(sniffBlockBytes(new Uint8Array(0))).toBeNull()
  })
})

describe('blk framing', () => {
  const genesis = async () =>
    [...(await readBlockFileAsync(blockPath('btcd_blk_0_to_4.dat.bz2')))][0] as RawBlock

  test('default: btcd blocks1-256 is mainnet blocks 1..255 chained from genesis', async () => {
    // btcd's loader prepends the genesis block itself, hence the file's name.
    const blocks = [...(await readBlockFileAsync(blockPath('btcd_blocks1-256.bz2')))].map(
      (raw) => ({
        raw,
        block: decodeBlock(raw.bytes),
      }),
    )
    expect(blocks).toHaveLength(255)
    let parent = decodeBlock((await genesis()).bytes).hash
    for (const [ordinal, { raw, block }] of blocks.entries()) {
      expect({ ordinal: raw.ordinal, network: raw.network, prev: block.prevHash }).toEqual({
        ordinal,
        network: 'mainnet',
        prev: parent,
      })
      parent = block.hash
    }
  })

  test('default: btcd blk_0_to_4 starts at the all-zero parent and chains', async () => {
    const blocks = [...(await readBlockFileAsync(blockPath('btcd_blk_0_to_4.dat.bz2')))].map(
      (raw) => decodeBlock(raw.bytes),
    )
    expect(blocks).toHaveLength(5)
    expect(blocks[0]?.prevHash).toBe('0'.repeat(64))
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.prevHash).toBe(blocks[i - 1]?.hash)
  })

  test('default: btcd 277647 is one BIP 34 block', async () => {
    const blocks = [...(await readBlockFileAsync(blockPath('btcd_277647.dat.bz2')))]
    expect(blocks.map((raw) => decodeBlock(raw.bytes).height)).toEqual([277647])
  })

  test('behavior: zero padding at the end is skipped', async () => {
    const blk = await decompressBzip2(readBlocks('btcd_blk_0_to_4.dat.bz2'))
    const padded = Uint8Array.from([...blk, ...new Uint8Array(4096)])
    expect([...readBlockFile(padded)].map((raw) => raw.offset)).toEqual(
      [...readBlockFile(blk)].map((raw) => raw.offset),
    )
  })

  test('behavior: regtest magic', async () => {
    const blk = await decompressBzip2(readBlocks('btcd_277647.dat.bz2'))
    const regtest = Uint8Array.from([...Buffer.from('fabfb5da', 'hex'), ...blk.subarray(4)])
    expect([...readBlockFile(regtest)].map((raw) => raw.network)).toEqual(['regtest'])
  })

  describe('errors', async () => {
    const blk = await decompressBzip2(readBlocks('btcd_blk_0_to_4.dat.bz2'))
    const withBytes = (...bytes: number[]) => Uint8Array.from([...blk, ...bytes])
    const lengthAt = (offset: number, length: number) => {
      const copy = Uint8Array.from(blk)
      new DataView(copy.buffer).setUint32(offset + 4, length, true)
      return copy
    }
    test.each([
      { name: 'garbage after padding', bytes: withBytes(0, 0, 0, 0, 1) },
      { name: 'a frame of another network', bytes: withBytes(0x0b, 0x11, 0x09, 0x07, 80, 0, 0, 0) },
      { name: 'the file ends inside a length', bytes: withBytes(0xf9, 0xbe, 0xb4, 0xd9, 80) },
      { name: 'length past the end', bytes: lengthAt(0, 100_000) },
      { name: 'length below a header', bytes: lengthAt(0, 79) },
      { name: 'length above 4 MB', bytes: lengthAt(0, 4_000_001) },
    ])('error: $name', ({ bytes }) => {
      const error = thrown(() => [...readBlockFile(bytes)])
      expect(isChainwatchError(error, 'block.invalid')).toBe(true)
      expect(String(error)).toMatch(/Block file is invalid at byte \d+ \(block \d\): /)
    })
  })
})

describe('raw and hex', () => {
  test('default: a raw block is one block', () => {
    const bytes = readBlocks(rawBlockFile)
    const blocks = [...readBlockFile(bytes)].map(({ bytes: view, ...raw }) => ({
      ...raw,
      whole: view === bytes,
    }))
    expect(blocks).toEqual([{ ordinal: 0, offset: 0, network: null, whole: true }])
  })

  test('default: a block as hex text decodes to the same block', () => {
    const bytes = readBlocks(rawBlockFile)
    const text = new TextEncoder().encode(`\n  ${Buffer.from(bytes).toString('hex')}\r\n\n`)
    const [raw, ...rest] = [...readBlockFile(text)]
    expect(rest).toEqual([])
    expect(decodeBlock(raw?.bytes ?? new Uint8Array()).hash).toBe(decodeBlock(bytes).hash)
  })

  test('default: hex lines are blocks (btcd mainnet headers 1..11)', async () => {
    const headers = [...(await readBlockFileAsync(blockPath('btcd_blockheaders-mainnet-1-11.txt')))]
    expect(headers).toHaveLength(11)
    const genesis = [...(await readBlockFileAsync(blockPath('btcd_blk_0_to_4.dat.bz2')))][0]
    let parent = decodeBlock(genesis?.bytes ?? new Uint8Array()).hash
    for (const raw of headers) {
      const header = decodeBlockHeader(raw.bytes)
      expect(header.prevHash).toBe(parent)
      parent = header.hash
      // A header alone is not a block.
      expect(
        isChainwatchError(
          thrown(() => decodeBlock(raw.bytes)),
          'block.invalid',
        ),
      ).toBe(true)
    }
  })

  test('error: a transaction in hex is not a block', async () => {
    const [raw] = [...(await readBlockFileAsync(blockPath('btcd_bip69-1.hex')))]
    expect(
      isChainwatchError(
        thrown(() => decodeBlock(raw?.bytes ?? new Uint8Array())),
        'block.invalid',
      ),
    ).toBe(true)
  })

  test('error: odd hex', () => {
    const error = thrown(() => [...readBlockFile(new TextEncoder().encode('0100\nabc\n'))])
    expect(isChainwatchError(error, 'block.invalid')).toBe(true)
    expect(String(error)).toMatch(/line 2 is not an even number of hex digits/)
  })
})

describe('errors', () => {
  test('error: bzip2 needs readBlockFileAsync', () => {
    const error = thrown(() => readBlockFile(readBlocks('btcd_blocks1-256.bz2')))
    expect(isChainwatchError(error, 'import.format_unknown')).toBe(true)
  })

  test('error: not a block file', () => {
    const error = thrown(() => readBlockFile(readBlocks('rustbitcoin_blockfilters.json')))
    expect(isChainwatchError(error, 'import.format_unknown')).toBe(true)
  })

  test('error: truncated bzip2', async () => {
    const compressed = readBlocks('btcd_blocks1-256.bz2')
    const error = await rejected(() =>
      readBlockFileAsync(compressed.subarray(0, compressed.length >> 1)),
    )
    expect(isChainwatchError(error, 'block.invalid')).toBe(true)
  })

  test('error: missing file', async () => {
    const error = await rejected(() => readBlockFileAsync(blockPath('no-such-file.dat')))
    expect(isChainwatchError(error, 'import.file_unreadable')).toBe(true)
  })
})
