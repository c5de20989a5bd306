import { z } from 'zod'
import { withinSeconds } from '../amounts.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly windowSeconds: number
  readonly minCounterparties: number
  readonly minDepositAddresses: number
}

/**
 * Many sources feeding one account (FATF P5, P6): within the window, deposits from at least
 * `minCounterparties` distinct counterparties or into at least `minDepositAddresses` distinct
 * deposit addresses of the account, this deposit included.
 */
export const fanInKind: RuleKind<Parameters> = {
  parameters: z.object({
    windowSeconds: z.number().int().positive(),
    minCounterparties: z.number().int().min(2),
    minDepositAddresses: z.number().int().min(2),
  }),
  evidenceKeys: ['counterparties', 'depositAddresses', 'windowHours'],
  needs: (parameters) => ({ historySeconds: parameters.windowSeconds }),
  evaluate: (parameters, event, evidence) => {
    if (event.direction !== 'deposit') return null
    const deposits = [
      ...withinSeconds(evidence.history, event.time, parameters.windowSeconds).filter(
        (e) => e.direction === 'deposit',
      ),
      event,
    ]
    const counterparties = new Set(deposits.map((e) => `${e.chain}:${e.counterparty}`)).size
    const depositAddresses = new Set(deposits.map((e) => `${e.chain}:${e.ownAddress}`)).size
    if (
      counterparties < parameters.minCounterparties &&
      depositAddresses < parameters.minDepositAddresses
    ) {
      return null
    }
    return { counterparties, depositAddresses, windowHours: parameters.windowSeconds / 3600 }
  },
}
