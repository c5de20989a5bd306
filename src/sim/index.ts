/** @module Scenarios with ground truth: `sim generate`, `sim live`, `sim score`, and the demo data `npm start` seeds. */

export type { Rng } from './createRng.js'
export { createRng } from './createRng.js'
export type { Alert, Findings, Flag, Hold, ScoreTruth } from './findingsSchema.js'
export { normaliseAddress, parseFindings, parseTruth } from './findingsSchema.js'
export type { GeneratedScenario, GenerateScenarioParameters } from './generateScenario.js'
export { generateScenario } from './generateScenario.js'
export type { LiveProgress, LiveRecord, PlayLiveParameters } from './live/playLive.js'
export { playLive } from './live/playLive.js'
export { formatCoins, formatDelay, renderScoreTable, scoreToJson } from './renderScore.js'
export type { SimCall, SimEthTx, SimLog, Technique, TruthEndpoint, TruthStep } from './SimTypes.js'
export { scenarioDesignations } from './scenarioDesignations.js'
export type { ScenarioName, ScenarioPlan, TruthOrganisation } from './scenarios.js'
export { scenarioNames } from './scenarios.js'
export type {
  AddressScore,
  DetectionRow,
  FalsePositive,
  ScoreReport,
  ValueRow,
} from './scoreFindings.js'
export { scoreFindings } from './scoreFindings.js'
export type { ScenarioParameters, ScenarioSetup } from './setupScenario.js'
export { setupScenario } from './setupScenario.js'
export type { SimBtcBlock } from './simulateBitcoin.js'
export { simulateBitcoin } from './simulateBitcoin.js'
export type { SimEthBlock } from './simulateEthereum.js'
export { simulateEthereum } from './simulateEthereum.js'
