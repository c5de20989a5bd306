import { bridgeOriginKind } from './evaluators/bridgeOrigin.js'
import { designationKind } from './evaluators/designation.js'
import { dormancyBurstKind } from './evaluators/dormancyBurst.js'
import { exposureKind } from './evaluators/exposure.js'
import { fanInKind } from './evaluators/fanIn.js'
import { newAccountVolumeKind } from './evaluators/newAccountVolume.js'
import { peelChainKind } from './evaluators/peelChain.js'
import { rapidInOutKind } from './evaluators/rapidInOut.js'
import { structuringKind } from './evaluators/structuring.js'
import { type CompiledKind, compileKind } from './RuleKind.js'

/** Every rule `kind` a rule file may name, each bound to its pure evaluator. */
export const ruleKinds = {
  designation: (raw: unknown) => compileKind(designationKind, raw),
  exposure: (raw: unknown) => compileKind(exposureKind, raw),
  structuring: (raw: unknown) => compileKind(structuringKind, raw),
  'rapid-in-out': (raw: unknown) => compileKind(rapidInOutKind, raw),
  'fan-in': (raw: unknown) => compileKind(fanInKind, raw),
  'new-account-volume': (raw: unknown) => compileKind(newAccountVolumeKind, raw),
  'dormancy-burst': (raw: unknown) => compileKind(dormancyBurstKind, raw),
  'peel-chain': (raw: unknown) => compileKind(peelChainKind, raw),
  'bridge-origin': (raw: unknown) => compileKind(bridgeOriginKind, raw),
} as const satisfies Record<string, (raw: unknown) => CompiledKind>

export type RuleKindName = keyof typeof ruleKinds
export const ruleKindNames = Object.keys(ruleKinds) as [RuleKindName, ...RuleKindName[]]
