import { z } from 'zod'
import { amountsByAsset, assetKey, sameAsset, sum } from '../amounts.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly maxAgeSeconds: number
  readonly thresholds: Readonly<Record<string, bigint>>
}

/**
 * New account with high volume (FATF P1, P2): the account's first event is at most
 * `maxAgeSeconds` old and its deposits of this asset, this one included, reach the threshold.
 */
export const newAccountVolumeKind: RuleKind<Parameters> = {
  parameters: z.object({
    maxAgeSeconds: z.number().int().positive(),
    thresholds: amountsByAsset,
  }),
  evidenceKeys: ['ageHours', 'volume', 'threshold', 'asset'],
  needs: (parameters) => ({ historySeconds: parameters.maxAgeSeconds }),
  evaluate: (parameters, event, evidence) => {
    if (event.direction !== 'deposit') return null
    const threshold = parameters.thresholds[assetKey(event)]
    if (threshold === undefined) return null
    const firstSeen = evidence.firstSeen ?? event.time
    const age = event.time - firstSeen
    if (age > parameters.maxAgeSeconds) return null
    const earlier = sameAsset(evidence.history, event).filter(
      (e) => e.direction === 'deposit' && e.time >= firstSeen,
    )
    const volume = sum(earlier) + event.amount
    if (volume < threshold) return null
    return {
      ageHours: Math.round(age / 360) / 10,
      volume: volume.toString(),
      threshold: threshold.toString(),
      asset: assetKey(event),
    }
  },
}
