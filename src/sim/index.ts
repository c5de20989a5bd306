/** @module Scenarios with ground truth; for now the demo data `npm start` seeds. */
export { demoBatch, demoDesignations } from './demoBatch.js'
