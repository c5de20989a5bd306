import type { AddressChain } from '../chain/index.js'

/** What a designation says an address is. Known exchange wallets are counterparties, not risk. */
export const categories = [
  'sanctioned',
  'stolen-funds',
  'hacker',
  'mixer',
  'scam',
  'exchange',
  'bridge',
  'dex',
  'ransomware',
  'other',
] as const
export type Category = (typeof categories)[number]

/** The list formats Chainwatch reads. */
export const listKinds = [
  'ofac-sdn-csv',
  'ofac-sdn-xml',
  'ofac-sdn-advanced-xml',
  'opensanctions',
  'tagpack',
  'address-list',
] as const
export type ListKind = (typeof listKinds)[number]

/** One address a list designates, normalised by its chain's codec. */
export type ListEntry = {
  readonly chain: AddressChain
  /** Normalised (EVM lowercase, bech32 lowercase, base58 as is). */
  readonly address: string
  /** The list's own currency or ticker for the address (OFAC `XBT`, `USDT`, …), if it gives one. */
  readonly asset: string | null
  readonly category: Category
  /** Who the list says controls it (`LAZARUS GROUP`). */
  readonly entity: string | null
  /** The list's id of that entity (OFAC ent_num `27307`, an OpenSanctions id). */
  readonly entityId: string | null
  /** Sanctions programmes (OFAC `DPRK3`, `CYBER2`). */
  readonly programmes: readonly string[]
  /** 0–100: how sure the source is. Official sanctions lists are 100. */
  readonly confidence: number
  /** Free text from the source (a TagPack label, an etherscan name). */
  readonly label: string | null
}

/** An entry the list holds but Chainwatch cannot use, reported rather than dropped silently. */
export type ListRejection = {
  /** Where in the source: `ent_num 27307`, `line 12`, `entity NK-abc`. */
  readonly where: string
  readonly input: string
  readonly reason: string
}

/** A list file, parsed completely before anything is stored. */
export type ParsedList = {
  readonly entries: readonly ListEntry[]
  readonly rejected: readonly ListRejection[]
  /** The publication date the source states (ISO 8601 date), if any. */
  readonly publishedAt: string | null
}
