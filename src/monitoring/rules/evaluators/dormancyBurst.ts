import { z } from 'zod'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly dormantSeconds: number
  readonly burstSeconds: number
  readonly minEvents: number
}

/**
 * Dormancy then burst (FATF T2): the account existed before, was silent for at least
 * `dormantSeconds` before the burst window, and has at least `minEvents` events in the last
 * `burstSeconds`, this one included.
 */
export const dormancyBurstKind: RuleKind<Parameters> = {
  parameters: z.object({
    dormantSeconds: z.number().int().positive(),
    burstSeconds: z.number().int().positive(),
    minEvents: z.number().int().min(1),
  }),
  evidenceKeys: ['dormantDays', 'burstEvents', 'burstHours'],
  needs: (parameters) => ({ historySeconds: parameters.dormantSeconds + parameters.burstSeconds }),
  evaluate: (parameters, event, evidence) => {
    const burstStart = event.time - parameters.burstSeconds
    const silentFrom = burstStart - parameters.dormantSeconds
    if (evidence.firstSeen === null || evidence.firstSeen >= silentFrom) return null
    const history = evidence.history.filter((e) => e.time <= event.time)
    if (history.some((e) => e.time >= silentFrom && e.time < burstStart)) return null
    const burstEvents = history.filter((e) => e.time >= burstStart).length + 1
    if (burstEvents < parameters.minEvents) return null
    return {
      dormantDays: Math.floor(parameters.dormantSeconds / 86_400),
      burstEvents,
      burstHours: parameters.burstSeconds / 3600,
    }
  },
}
