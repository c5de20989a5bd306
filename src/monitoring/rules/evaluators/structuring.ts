import { z } from 'zod'
import { amountsByAsset, assetKey, sameAsset, withinSeconds } from '../amounts.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly thresholds: Readonly<Record<string, bigint>>
  readonly bandPercent: number
  readonly minCount: number
  readonly windowSeconds: number
}

/**
 * Structuring (FATF T1): at least `minCount` events of the account within the window, this one
 * included, each in [threshold × bandPercent %, threshold) — just under a reporting threshold.
 */
export const structuringKind: RuleKind<Parameters> = {
  parameters: z.object({
    thresholds: amountsByAsset,
    bandPercent: z.number().int().min(1).max(99),
    minCount: z.number().int().min(2),
    windowSeconds: z.number().int().positive(),
  }),
  evidenceKeys: ['count', 'threshold', 'floor', 'windowHours', 'asset'],
  needs: (parameters) => ({ historySeconds: parameters.windowSeconds }),
  evaluate: (parameters, event, evidence) => {
    const threshold = parameters.thresholds[assetKey(event)]
    if (threshold === undefined) return null
    const floor = (threshold * BigInt(parameters.bandPercent)) / 100n
    const inBand = (amount: bigint) => amount >= floor && amount < threshold
    if (!inBand(event.amount)) return null
    const earlier = withinSeconds(
      sameAsset(evidence.history, event),
      event.time,
      parameters.windowSeconds,
    ).filter((e) => e.direction === event.direction && inBand(e.amount))
    const count = earlier.length + 1
    if (count < parameters.minCount) return null
    return {
      count,
      threshold: threshold.toString(),
      floor: floor.toString(),
      windowHours: parameters.windowSeconds / 3600,
      asset: assetKey(event),
    }
  },
}
