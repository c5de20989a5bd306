import { z } from 'zod'
import { categories } from '../../../screening/index.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly categories: readonly string[]
  readonly maxHops: number
  readonly flow: 'incoming' | 'outgoing' | 'event'
}

/**
 * The counterparty is within `maxHops` hops of an address designated in `categories` (FATF T5,
 * A5, A6). `flow: event` follows the money: deposits look at where the counterparty's funds came
 * from (incoming), withdrawals at where they go next (outgoing).
 */
export const exposureKind: RuleKind<Parameters> = {
  parameters: z.object({
    categories: z.array(z.enum(categories)).min(1),
    maxHops: z.number().int().min(1).max(4),
    flow: z.enum(['incoming', 'outgoing', 'event']).default('event'),
  }),
  evidenceKeys: ['address', 'category', 'list', 'entity', 'hops', 'path', 'asset', 'amount'],
  needs: (parameters) => ({ exposureHops: parameters.maxHops }),
  evaluate: (parameters, event, evidence) => {
    const flow =
      parameters.flow === 'event'
        ? event.direction === 'deposit'
          ? 'incoming'
          : 'outgoing'
        : parameters.flow
    // Exposures come nearest first, so the first match is the strongest evidence.
    const hit = evidence.exposures.find(
      (e) =>
        e.direction === flow &&
        e.hops <= parameters.maxHops &&
        parameters.categories.includes(e.category),
    )
    if (hit === undefined) return null
    return {
      address: hit.address,
      category: hit.category,
      list: hit.list,
      entity: hit.entity ?? 'unnamed',
      hops: hit.hops,
      path: hit.path.join(' → '),
      asset: hit.asset,
      amount: hit.amount.toString(),
    }
  },
}
