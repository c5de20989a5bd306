import type { z } from 'zod'
import { type ChainId, normalizeAddress, parseChainId } from '../chain/index.js'
import { ChainwatchError, isChainwatchError } from '../errors/index.js'
import type { monitorEventWireSchema } from './eventSchema.js'
import type { MonitorEvent } from './model.js'

type ParsedWire = z.output<typeof monitorEventWireSchema>

/**
 * Turns a schema-checked event into a `MonitorEvent`: addresses (and a token asset) normalised
 * by the chain's codec, the hash in the store's spelling, the amount a bigint, the time unix
 * seconds. `where` names the event in errors (`events[3]`). Throws `address.invalid` naming the
 * field.
 */
export function parseMonitorEvent(wire: ParsedWire, where: string): MonitorEvent {
  const chain = parseChainId(wire.chain)
  return {
    org: wire.org,
    account: wire.account,
    direction: wire.direction,
    chain,
    txHash: normalizeTxHash(chain, wire.txHash),
    index: wire.index,
    counterparty: address(chain, wire.counterparty, `${where}.counterparty`),
    ownAddress: address(chain, wire.ownAddress, `${where}.ownAddress`),
    asset: assetOf(chain, wire.asset, `${where}.asset`),
    amount: BigInt(wire.amount),
    time: typeof wire.time === 'number' ? wire.time : Math.floor(Date.parse(wire.time) / 1000),
  }
}

/** `native`, or on account chains a token contract (normalised like any address). */
function assetOf(chain: ChainId, asset: string, field: string): string {
  if (asset === 'native') return asset
  if (chain === 'bitcoin') {
    throw new ChainwatchError('input.invalid', `${field} must be "native" on bitcoin.`, {
      meta: { field, input: asset.slice(0, 100) },
    })
  }
  return address(chain, asset, field)
}

/** Ethereum hashes are stored `0x`-prefixed, Bitcoin txids bare; both lowercase. */
function normalizeTxHash(chain: ChainId, hash: string): string {
  const bare = hash.toLowerCase().replace(/^0x/, '')
  return chain === 'bitcoin' ? bare : `0x${bare}`
}

function address(chain: ChainId, input: string, field: string): string {
  try {
    return normalizeAddress(chain, input.trim())
  } catch (error) {
    if (!isChainwatchError(error)) throw error
    throw new ChainwatchError('address.invalid', `${field} is not a valid ${chain} address.`, {
      meta: { field, input: input.slice(0, 100) },
      details: error.details ?? error.shortMessage,
    })
  }
}
