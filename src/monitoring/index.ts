/** @module Real-time monitoring of exchange deposits and withdrawals: rules, risk scores, alerts. */

export type { CreateMonitorParameters, Monitor, MonitorStore } from './createMonitor.js'
export { createMonitor } from './createMonitor.js'
export { decidedJson } from './decidedJson.js'
export { type DecideDeps, decideEvent } from './decideEvent.js'
export { evaluateRules } from './evaluateRules.js'
export type { MonitorEventWire } from './eventSchema.js'
export {
  MAX_EVENTS_PER_REQUEST,
  monitorEventWireSchema,
  monitorRequestSchema,
} from './eventSchema.js'
export type { AncestorTx, EvidenceContext, EvidenceNeeds } from './evidence.js'
export { emptyEvidence } from './evidence.js'
export type {
  Alert,
  DecidedEvent,
  Decision,
  Direction,
  MonitorEvent,
  RuleHit,
  Severity,
  Verdict,
} from './model.js'
export type {
  DeliveryInfo,
  EventHandler,
  NatsIntake,
  NatsIntakeOptions,
} from './nats/natsEventIntake.js'
export { openNatsIntake, REPLY_HEADER } from './nats/natsEventIntake.js'
export { natsEventHandler } from './natsWorker.js'
export { parseMonitorEvent } from './parseMonitorEvent.js'
export { parseMonitorRequest } from './parseMonitorRequest.js'
export {
  DEFAULT_RETRO_HUNT_DAYS,
  type RetroHuntParameters,
  type RetroHuntResult,
  retroAlerts,
  retroHunt,
  retroHuntOrigin,
} from './retroHunt.js'
export { compileRules, type RuleFileError } from './rules/compileRules.js'
export { defaultRulePackDir, loadRulePack, loadRulePackOrThrow } from './rules/loadRulePack.js'
export type { Rule, RuleSet } from './rules/RuleSet.js'
export { type RuleReload, type WatchedRules, watchRulePack } from './rules/watchRulePack.js'
export { defaultScoring, type ScoringConfig, scoreHits } from './scoreHits.js'
