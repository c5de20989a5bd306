import type { Amount } from '../model.js'

/** A transaction output as an input refers to it. */
export type Outpoint = {
  readonly txid: string
  readonly vout: number
}

/** What an input needs to know about the output it spends. */
export type Prevout = {
  readonly value: Amount
  readonly address: string | null
}

/** Looks up an output spent by an input outside the block at hand; undefined when unknown. */
export type PrevoutResolver = (outpoint: Outpoint) => Prevout | undefined
