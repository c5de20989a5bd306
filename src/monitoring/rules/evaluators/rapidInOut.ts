import { z } from 'zod'
import { assetKey, sameAsset, sum, withinSeconds } from '../amounts.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = { readonly windowSeconds: number; readonly minSharePercent: number }

/**
 * Rapid in-and-out (FATF T4, P2): a withdrawal that, with the account's other withdrawals in the
 * window, takes out at least `minSharePercent` % of what was deposited in that window.
 */
export const rapidInOutKind: RuleKind<Parameters> = {
  parameters: z.object({
    windowSeconds: z.number().int().positive(),
    minSharePercent: z.number().int().min(1).max(100),
  }),
  evidenceKeys: ['deposited', 'withdrawn', 'sharePercent', 'windowHours', 'asset', 'firstDeposit'],
  needs: (parameters) => ({ historySeconds: parameters.windowSeconds }),
  evaluate: (parameters, event, evidence) => {
    if (event.direction !== 'withdrawal') return null
    const recent = withinSeconds(
      sameAsset(evidence.history, event),
      event.time,
      parameters.windowSeconds,
    )
    const deposits = recent.filter((e) => e.direction === 'deposit')
    const deposited = sum(deposits)
    if (deposited === 0n) return null
    const withdrawn = sum(recent.filter((e) => e.direction === 'withdrawal')) + event.amount
    const share = Number((withdrawn * 100n) / deposited)
    if (share < parameters.minSharePercent) return null
    return {
      deposited: deposited.toString(),
      withdrawn: withdrawn.toString(),
      sharePercent: share,
      windowHours: parameters.windowSeconds / 3600,
      asset: assetKey(event),
      firstDeposit: new Date((deposits[0]?.time ?? event.time) * 1000).toISOString(),
    }
  },
}
