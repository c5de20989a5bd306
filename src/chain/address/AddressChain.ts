/** The address formats Chainwatch can parse; `ethereum` covers every EVM chain (same format). */
export const addressChains = ['bitcoin', 'ethereum', 'tron'] as const

/** An address format: `bitcoin`, `ethereum` (any EVM chain) or `tron`. */
export type AddressChain = (typeof addressChains)[number]
