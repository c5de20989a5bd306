import type { AddressChain } from '../../chain/index.js'
import type { Category } from '../../screening/index.js'
import type { Tlp } from '../tlp/tlp.js'

/** A wallet designation as shared: a screening list entry plus validity and marking. */
export type WalletDesignation = {
  readonly chain: AddressChain
  /** Normalised by the chain's codec (EVM and bech32 lowercase, base58 as is). */
  readonly address: string
  readonly asset: string | null
  readonly category: Category
  readonly entity: string | null
  /** 0–100. */
  readonly confidence: number
  readonly label: string | null
  /** ISO 8601 timestamp. */
  readonly validFrom: string
  readonly validUntil: string | null
  /** Overrides the bundle's TLP for this designation (never loosens on re-share; see tlp/). */
  readonly tlp?: Tlp
}

/** An organisation as a STIX identity. */
export type Producer = {
  readonly name: string
  readonly identityClass: 'organization' | 'group' | 'system' | 'individual' | 'class' | 'unknown'
  /** Free text: `law-enforcement`, `financial-intelligence-unit`, `regulator`, `vasp`. */
  readonly roles?: readonly string[]
  /** industry-sector-ov: `government-national`, `financial-services`… */
  readonly sectors?: readonly string[]
}

/** One transfer of a transaction, in base units of the chain's asset. */
export type TransferLeg = { readonly address: string; readonly amount: bigint }

/** A transaction to share as a `cryptocurrency-transaction` observable. */
export type WalletTransaction = {
  readonly chain: AddressChain
  readonly hash: string
  /** Ticker: `BTC`, `ETH`, `USDT`. */
  readonly symbol: string
  readonly executedAt: string | null
  readonly inputs: readonly TransferLeg[]
  readonly outputs: readonly TransferLeg[]
}

/** "We saw this wallet": a STIX sighting of the wallet's indicator. */
export type WalletSighting = {
  readonly chain: AddressChain
  readonly address: string
  /** The sighted indicator's id; defaults to this bundle's indicator for the address. */
  readonly indicatorId?: string
  readonly firstSeen: string
  readonly lastSeen: string
  readonly count: number
  /** Transactions that touched the wallet (become observed-data). */
  readonly transactions?: readonly WalletTransaction[]
}
