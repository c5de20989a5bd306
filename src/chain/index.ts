/** @module One value-flow model for Bitcoin (UTXO) and EVM (account) chains, and its codecs. */

export type {
  AddressChain,
  AddressType,
  BitcoinAddress,
  BitcoinLegacyAddress,
  BitcoinNetwork,
  BitcoinSegwitAddress,
  EncodeBitcoinAddressParameters,
  EvmAddress,
  ParseAddressParameters,
  ParseAddressResult,
  ParsedAddress,
  ParsedAddressOf,
  TronAddress,
} from './address/index.js'
export {
  addressChains,
  detectAddressChain,
  encodeBitcoinAddress,
  isValidAddress,
  normalizeAddress,
  parseAddress,
  toChecksumAddress,
} from './address/index.js'
export type {
  BitcoinNetworkParams,
  BlockFileFormat,
  BlockToBatchParameters,
  ClassifiedOutputScript,
  CoinbaseCheckParameters,
  CoinbaseCheckResult,
  DecodedBlock,
  DecodedBlockHeader,
  DecodedInput,
  DecodedOutput,
  DecodedTransaction,
  Outpoint,
  OutputScriptType,
  Prevout,
  PrevoutResolver,
  RawBlock,
} from './btc/index.js'
export {
  bitcoinNetworks,
  blockSubsidy,
  blockToBatch,
  classifyOutputScript,
  coinbaseCheck,
  computeMerkleRoot,
  decodeBlock,
  decodeBlockHeader,
  decodeTransaction,
  decompressBzip2,
  nullDataPayload,
  readBlockFile,
  readBlockFileAsync,
  sniffBlockBytes,
  sniffLength,
} from './btc/index.js'
export type { ChainId, ChainInfo, ChainModel } from './chains.js'
export { chains, isChainId, parseChainId } from './chains.js'
export type {
  Amount,
  BlockRecord,
  BridgeDepositRecord,
  ChainBatch,
  InputRecord,
  OutputRecord,
  SwapProtocol,
  SwapRecord,
  TransactionRecord,
  TransferKind,
  TransferRecord,
} from './model.js'
export { emptyBatch, NATIVE_ASSET } from './model.js'
export { transferPosition } from './transferPosition.js'
