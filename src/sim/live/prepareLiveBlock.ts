import type { Hex } from 'viem'
import { ChainwatchError } from '../../errors/index.js'
import type { SimEthTx } from '../SimTypes.js'
import { simContractArtifacts } from './contractArtifacts.js'
import {
  allowanceSlot,
  balanceSlot,
  type LivePreparation,
  type LiveTx,
  liveTxOf,
  PLENTY,
  type SimContractName,
  word,
} from './liveCalls.js'
import type { LiveRpcCall } from './liveRpc.js'

/** What live mode has set up on the node so far (each preparation is made once). */
export type LiveState = {
  readonly code: Map<string, SimContractName>
  readonly done: Set<string>
  readonly storage: Map<string, Hex>
  /** Next nonce per sender, once read from the node. */
  readonly nonces: Map<string, bigint>
}

export function createLiveState(): LiveState {
  return { code: new Map(), done: new Set(), storage: new Map(), nonces: new Map() }
}

/** One simulated block made ready: node calls to run before it, and its transactions. */
export type PreparedBlock = {
  readonly setup: readonly LiveRpcCall[]
  /** Senders whose nonce must be read from the node before sending. */
  readonly newSenders: readonly string[]
  readonly txs: readonly { readonly sim: SimEthTx; readonly live: LiveTx }[]
}

const hex = (n: bigint) => `0x${n.toString(16)}`

/**
 * The transactions of one simulated block as live calls, and the invisible set-up they need
 * that has not been made yet. Contract code comes first so a native payment to a contract
 * installed in the same block gets the contract-call gas limit.
 *
 * @throws ChainwatchError `input.invalid` when the plan needs one address to be two different
 *   contracts, or one storage word to hold two values within one block.
 */
export function prepareLiveBlock(state: LiveState, txs: readonly SimEthTx[]): PreparedBlock {
  const setup: LiveRpcCall[] = []
  const newSenders = new Set<string>()
  const inBlock = new Map<string, Hex>()
  const prepare = (p: LivePreparation, tx: SimEthTx) => {
    switch (p.kind) {
      case 'code': {
        const installed = state.code.get(p.address)
        if (installed === p.contract) return
        if (installed !== undefined) {
          throw new ChainwatchError(
            'input.invalid',
            `Simulated tx ${tx.hash} needs ${p.address} to be a ${p.contract}, but it is a ${installed}.`,
          )
        }
        state.code.set(p.address, p.contract)
        setup.push({
          method: 'anvil_setCode',
          params: [p.address, simContractArtifacts[p.contract].runtime],
        })
        return
      }
      case 'storage': {
        const key = `${p.address}/${p.slot}`
        const planned = inBlock.get(key)
        if (planned !== undefined && planned !== p.value) {
          throw new ChainwatchError(
            'input.invalid',
            `Simulated tx ${tx.hash} (${tx.call.kind}) needs storage of ${p.address} to differ from an earlier transaction of its block.`,
          )
        }
        inBlock.set(key, p.value)
        if (state.storage.get(key) === p.value) return
        state.storage.set(key, p.value)
        setup.push({ method: 'anvil_setStorageAt', params: [p.address, p.slot, p.value] })
        return
      }
      default: {
        const key = JSON.stringify(p)
        if (state.done.has(key)) return
        state.done.add(key)
        setup.push(fundingCall(p))
      }
    }
  }
  const codeFirst = txs.map((sim) => ({ sim, live: liveTxOf(sim, () => false) }))
  for (const { sim, live } of codeFirst) {
    for (const p of live.preparations) if (p.kind === 'code') prepare(p, sim)
  }
  const prepared = codeFirst.map(({ sim, live }) => {
    const final = sim.call.kind === 'native' ? liveTxOf(sim, (a) => state.code.has(a)) : live
    prepare({ kind: 'ether', address: sim.from }, sim)
    for (const p of final.preparations) prepare(p, sim)
    if (!state.nonces.has(sim.from)) newSenders.add(sim.from)
    return { sim, live: final }
  })
  return { setup, newSenders: [...newSenders], txs: prepared }
}

function fundingCall(p: Exclude<LivePreparation, { kind: 'code' | 'storage' }>): LiveRpcCall {
  switch (p.kind) {
    case 'ether':
      return { method: 'anvil_setBalance', params: [p.address, hex(PLENTY)] }
    case 'balance':
      return {
        method: 'anvil_setStorageAt',
        params: [p.token, balanceSlot(p.holder), word(PLENTY)],
      }
    case 'allowance':
      return {
        method: 'anvil_setStorageAt',
        params: [p.token, allowanceSlot(p.owner, p.spender), word(PLENTY)],
      }
  }
}
