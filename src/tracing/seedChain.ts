import type { ChainId } from '../chain/index.js'
import type { TraceChains } from './traceStore.js'

/**
 * The chain a seed given without one belongs to, in a trace over several chains: a `0x` hash
 * or a 20-byte hex address is ethereum, anything else bitcoin. A single-chain trace uses its
 * chain for every seed.
 */
export function seedChain(
  chain: TraceChains,
  seed: { readonly address: string } | { readonly txHash: string },
): ChainId {
  if (typeof chain === 'string' && chain !== 'all') return chain
  const ethereum =
    'address' in seed ? /^0x[0-9a-fA-F]{40}$/.test(seed.address) : /^0x/i.test(seed.txHash)
  return ethereum ? 'ethereum' : 'bitcoin'
}

/** Parses `all`, a chain name, or a comma-separated list of chain names. */
export function parseTraceChains(
  value: string,
  parseChain: (name: string) => ChainId,
): TraceChains {
  if (value === 'all') return 'all'
  const names = value.split(',').map((name) => name.trim())
  if (names.length === 1) return parseChain(names[0] ?? '')
  return [...new Set(names.map(parseChain))]
}
