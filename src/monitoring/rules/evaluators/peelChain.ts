import { z } from 'zod'
import type { AncestorTx } from '../../evidence.js'
import type { RuleKind } from '../RuleKind.js'

type Parameters = {
  readonly minHops: number
  readonly maxPeelPercent: number
  readonly maxGapSeconds: number
}

/**
 * Peel-chain origin (analytics typology, FATF 2020 list has none; see docs): the deposit's
 * transaction and the transactions funding it, following the spent coin back, are at least
 * `minHops` consecutive 1-input/2-output transactions whose smaller output (the peel) is at most
 * `maxPeelPercent` % of what they move, each at most `maxGapSeconds` after the one before.
 */
export const peelChainKind: RuleKind<Parameters> = {
  parameters: z.object({
    minHops: z.number().int().min(2).max(50),
    maxPeelPercent: z.number().int().min(1).max(50),
    maxGapSeconds: z.number().int().positive(),
  }),
  evidenceKeys: ['hops', 'txs', 'maxPeelPercent'],
  needs: (parameters) => ({ ancestryHops: parameters.minHops }),
  evaluate: (parameters, event, evidence) => {
    if (event.chain !== 'bitcoin') return null
    let hops = 0
    let later: AncestorTx | undefined
    for (const tx of evidence.ancestry) {
      if (!isPeel(tx, parameters.maxPeelPercent)) break
      if (later !== undefined && !closeInTime(tx, later, parameters.maxGapSeconds)) break
      hops++
      later = tx
    }
    if (hops < parameters.minHops) return null
    return {
      hops,
      txs: evidence.ancestry.slice(0, hops).map((tx) => tx.txHash),
      maxPeelPercent: parameters.maxPeelPercent,
    }
  },
}

function isPeel(tx: AncestorTx, maxPeelPercent: number): boolean {
  if (tx.inputCount !== 1 || tx.outputValues.length !== 2) return false
  const [a = 0n, b = 0n] = tx.outputValues
  const total = a + b
  const limit = total * BigInt(maxPeelPercent)
  // The smaller output is within the limit exactly when either output is.
  return total > 0n && (a * 100n <= limit || b * 100n <= limit)
}

function closeInTime(earlier: AncestorTx, later: AncestorTx, maxGap: number): boolean {
  if (earlier.blockTime === null || later.blockTime === null) return false
  return later.blockTime - earlier.blockTime <= maxGap
}
