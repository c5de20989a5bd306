/** @module The demo a new user sees: a generated scenario seeded into an empty store. */

export type { SeededDemo } from './seedDemoScenario.js'
export { demoScenario, seedDemoScenario } from './seedDemoScenario.js'
