import { z } from 'zod'
import type { RuleKind } from '../RuleKind.js'

type Parameters = { readonly maxHops: number; readonly windowSeconds: number }

/**
 * Bridge origin (chain-hopping typology; the DPRK playbook's THORChain step): the counterparty's
 * funds came from an address designated `bridge`. UTXO chains: some transaction on the deposit's
 * funding path within `maxHops` hops and `windowSeconds` before the event spends from a bridge
 * address (a bridge payout). Account chains: the counterparty was paid by a bridge address.
 */
export const bridgeOriginKind: RuleKind<Parameters> = {
  parameters: z.object({
    maxHops: z.number().int().min(1).max(50),
    windowSeconds: z.number().int().positive(),
  }),
  evidenceKeys: ['bridge', 'bridgeAddress', 'hops', 'txHash', 'hoursBefore', 'when'],
  needs: (parameters) => ({ ancestryHops: parameters.maxHops, funders: true }),
  evaluate: (parameters, event, evidence) => {
    for (const [position, tx] of evidence.ancestry.slice(0, parameters.maxHops).entries()) {
      if (tx.blockTime !== null && tx.blockTime < event.time - parameters.windowSeconds) break
      const bridge = tx.inputDesignations.find((d) => d.category === 'bridge')
      if (bridge === undefined) continue
      const hours =
        tx.blockTime === null ? null : Math.round((event.time - tx.blockTime) / 360) / 10
      return {
        bridge: bridge.entity ?? bridge.list,
        bridgeAddress: bridge.address,
        hops: position + 1,
        txHash: tx.txHash,
        hoursBefore: hours,
        when: hours === null ? 'block time not stored' : `${hours} h before the deposit`,
      }
    }
    const funder = evidence.funders.find((d) => d.category === 'bridge')
    if (funder === undefined) return null
    return {
      bridge: funder.entity ?? funder.list,
      bridgeAddress: funder.address,
      hops: 1,
      txHash: null,
      hoursBefore: null,
      when: 'among its direct payers (account chain: no time window)',
    }
  },
}
