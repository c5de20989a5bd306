/** @module Taint tracing: follows stolen value through transfers and outputs under published policies. */

export { canonicalJson } from './canonicalJson.js'
export { renderGraphml } from './renderGraphml.js'
export { renderHtml } from './renderHtml.js'
export type {
  AddressSeed,
  OutputSeed,
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
  TaintedTransfer,
  TaintFate,
  TraceEndpoint,
  TraceHolding,
  TraceResult,
  TraceTotals,
} from './TraceResult.js'
export type {
  BackwardResult,
  BackwardTarget,
  TraceBackwardParameters,
  TraceSource,
} from './traceBackward.js'
export { traceBackward } from './traceBackward.js'
export type { TraceForwardParameters } from './traceForward.js'
export { traceForward } from './traceForward.js'
export type { StoreTrace, TraceManifest, TraceStoreParameters } from './traceStore.js'
export { traceStore } from './traceStore.js'
