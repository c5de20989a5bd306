/** @module Bitcoin raw blocks: decoding, output scripts and addresses, block files, batches. */

export type { BitcoinNetwork, BitcoinNetworkParams } from './BitcoinNetwork.js'
export { bitcoinNetworks } from './BitcoinNetwork.js'
export type { BlockToBatchParameters } from './blockToBatch.js'
export { blockToBatch } from './blockToBatch.js'
export type { ClassifiedOutputScript, OutputScriptType } from './classifyOutputScript.js'
export { classifyOutputScript } from './classifyOutputScript.js'
export type { CoinbaseCheckParameters, CoinbaseCheckResult } from './coinbaseCheck.js'
export { blockSubsidy, coinbaseCheck } from './coinbaseCheck.js'
export { computeMerkleRoot } from './computeMerkleRoot.js'
export type {
  DecodedBlock,
  DecodedBlockHeader,
  DecodedInput,
  DecodedOutput,
  DecodedTransaction,
} from './DecodedBlock.js'
export { decodeBlock } from './decodeBlock.js'
export { decodeBlockHeader } from './decodeBlockHeader.js'
export { decodeTransaction } from './decodeTransaction.js'
export { decompressBzip2 } from './decompressBzip2.js'
export { nullDataPayload } from './nullDataPayload.js'
export type { Outpoint, Prevout, PrevoutResolver } from './Prevout.js'
export type { RawBlock } from './readBlockFile.js'
export { readBlockFile } from './readBlockFile.js'
export { readBlockFileAsync } from './readBlockFileAsync.js'
export type { BlockFileFormat } from './sniffBlockBytes.js'
export { sniffBlockBytes, sniffLength } from './sniffBlockBytes.js'
