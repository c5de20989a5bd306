/** @module Scenarios with ground truth: the demo data `npm start` seeds, and `sim generate`. */

export type { Rng } from './createRng.js'
export { createRng } from './createRng.js'
export { demoBatch, demoDesignations } from './demoBatch.js'
export type {
  GeneratedScenario,
  GenerateScenarioParameters,
  ScenarioName,
} from './generateScenario.js'
export { generateScenario, scenarioNames } from './generateScenario.js'
export type { Technique, TruthEndpoint, TruthStep } from './SimTypes.js'
