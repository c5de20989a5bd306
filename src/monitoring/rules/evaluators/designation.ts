import { z } from 'zod'
import { categories } from '../../../screening/index.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = { readonly categories: readonly string[]; readonly minConfidence: number }

/** The counterparty itself is designated in one of `categories` (FATF T5, A5, F1, F6). */
export const designationKind: RuleKind<Parameters> = {
  parameters: z.object({
    categories: z.array(z.enum(categories)).min(1),
    minConfidence: z.number().int().min(0).max(100).default(0),
  }),
  evidenceKeys: ['address', 'category', 'list', 'entity', 'confidence'],
  needs: () => ({}),
  evaluate: (parameters, event, evidence) => {
    const hit = evidence.designations.find(
      (d) =>
        d.address === event.counterparty &&
        d.until === null &&
        parameters.categories.includes(d.category) &&
        d.confidence >= parameters.minConfidence,
    )
    if (hit === undefined) return null
    return {
      address: hit.address,
      category: hit.category,
      list: hit.list,
      entity: hit.entity ?? 'unnamed',
      confidence: hit.confidence,
    }
  },
}
