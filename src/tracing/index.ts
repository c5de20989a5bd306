/** @module Taint tracing: follows stolen value through transfers and outputs under published policies. */

export { canonicalJson } from './canonicalJson.js'
export { DEFAULT_BRIDGE_WINDOW_SECONDS } from './matchBridgeLinks.js'
export type { BridgeMemo } from './parseBridgeMemo.js'
export { parseBridgeMemo } from './parseBridgeMemo.js'
export { renderGraphml } from './renderGraphml.js'
export { renderHtml } from './renderHtml.js'
export { parseTraceChains, seedChain } from './seedChain.js'
export type {
  AddressSeed,
  BridgeDepositEvent,
  CrossAssetEvent,
  ForwardEvent,
  OutputSeed,
  SwapEvent,
  TraceEvent,
  TracePolicy,
  TraceSeed,
  TransferEvent,
  TransferSeed,
  UtxoInput,
  UtxoOutput,
  UtxoTxEvent,
} from './TraceEvent.js'
export type {
  CrossChainLink,
  LinkConfidence,
  LinkEvidence,
  LinkOutbound,
  TaintedTransfer,
  TaintFate,
  TraceEndpoint,
  TraceHolding,
  TraceResult,
  TraceTotals,
} from './TraceResult.js'
export type {
  AddressTarget,
  BackwardResult,
  BackwardTarget,
  BackwardTotals,
  TraceBackwardParameters,
  TraceSource,
} from './traceBackward.js'
export { traceBackward } from './traceBackward.js'
export type { TraceForwardParameters } from './traceForward.js'
export { traceForward } from './traceForward.js'
export type { TraceIndex } from './traceIndex.js'
export { buildTraceIndex, traceIndexBytes } from './traceIndex.js'
export type { TraceIndexParameters, TraceIndexRun } from './traceIndexRun.js'
export { runTraceIndex, traceIndex } from './traceIndexRun.js'
export type {
  StoreTrace,
  TraceChains,
  TraceManifest,
  TraceStoreParameters,
} from './traceStore.js'
export { traceStore } from './traceStore.js'
export type {
  BackwardManifest,
  StoreBackwardTrace,
  TraceStoreBackwardParameters,
} from './traceStoreBackward.js'
export { traceStoreBackward } from './traceStoreBackward.js'
