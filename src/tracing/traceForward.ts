import { type ChainId, chains } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import { type AccountEvent, annotatedTransactions, applyAccountGroup } from './applyCrossAsset.js'
import { applyTransfer } from './applyTransfer.js'
import { applyUtxoTx } from './applyUtxoTx.js'
import { newLots } from './fifoLots.js'
import { checkOutputShare, isOutputShare, seedOutputShares } from './seedOutputShares.js'
import type { ForwardEvent, OutputSeed, TracePolicy, TraceSeed } from './TraceEvent.js'
import type { TraceResult } from './TraceResult.js'
import {
  type AddressSeedState,
  balanceOf,
  buildResult,
  emptyTotals,
  getHolder,
  type Holder,
  setBalance,
  type TraceState,
} from './traceState.js'

export type TraceForwardParameters = {
  /** In chain order (a swap or bridge deposit with its transaction); the engine does not sort. */
  readonly events: Iterable<ForwardEvent>
  readonly seeds: readonly TraceSeed[]
  readonly policy: TracePolicy
  /** Stop addresses absorb the taint they receive and do not pass it on. */
  readonly isStop?: (chain: ChainId, address: string) => boolean
  /** Taint that would reach hop maxHops + 1 is absorbed (`hopLimit`). */
  readonly maxHops?: number
  /** Tainted amounts below this on one transfer or output are absorbed (`dust`). */
  readonly dust?: bigint
  /** Events before fromBlock only build balances; events after toBlock are skipped. */
  readonly window?: { readonly fromBlock?: number; readonly toBlock?: number }
  /** Whether to list every taint-carrying transfer (default true). */
  readonly collectTransfers?: boolean
  /** Account model: balances before the first event (default 0); backward tracing starts from the end balances. */
  readonly initialBalances?: Iterable<{
    readonly chain: ChainId
    readonly asset: string
    readonly address: string
    readonly balance: bigint
  }>
}

/** Follows tainted value forward from the seeds through the events under one policy. */
export function traceForward(parameters: TraceForwardParameters): TraceResult {
  const { policy, seeds } = parameters
  const maxHops = parameters.maxHops ?? Number.POSITIVE_INFINITY
  const dust = parameters.dust ?? 0n
  const fromBlock = parameters.window?.fromBlock ?? Number.NEGATIVE_INFINITY
  const toBlock = parameters.window?.toBlock ?? Number.POSITIVE_INFINITY
  if (policy !== 'poison' && policy !== 'haircut' && policy !== 'fifo') {
    invalid(`Policy "${String(policy)}" is not poison, haircut or fifo.`, { policy })
  }
  if (!(maxHops >= 0) || (Number.isFinite(maxHops) && !Number.isInteger(maxHops))) {
    invalid('maxHops must be a non-negative integer.', { maxHops })
  }
  if (dust < 0n) invalid('dust must not be negative.', { dust: String(dust) })
  const state: TraceState = {
    policy,
    isStop: parameters.isStop,
    maxHops,
    dust,
    collect: parameters.collectTransfers ?? true,
    holders: new Map(),
    outputs: new Map(),
    addressSeeds: new Map(),
    txSeeds: new Map(),
    endpoints: new Map(),
    transfers: [],
    totals: emptyTotals(),
    links: [],
    unmatchedSwaps: 0,
    unmatchedBridgeDeposits: 0,
    balances: new BigInt64Array(1024),
    bigBalances: new Map(),
    holderCount: 0,
    cache: { chain: '', asset: '', map: new Map() },
    scratch: newLots(0n, false),
  }
  // Address seeds wait per chain, in order of the block they activate at.
  const pending = new Map<string, { list: AddressSeedState[]; next: number }>()
  // Output seeds of a share or hop, by `${chain}|${txHash}`: applied after their transaction.
  const shares = new Map<string, OutputSeed[]>()
  for (const seed of seeds) {
    if (seed.kind === 'address') {
      if (!Number.isInteger(seed.sinceBlock)) {
        invalid('sinceBlock of an address seed must be an integer.', { ...seed })
      }
      const block = Math.max(seed.sinceBlock, fromBlock)
      if (block > toBlock) continue
      const entry: AddressSeedState = {
        chain: seed.chain,
        address: seed.address,
        asset: seed.asset,
        block,
        active: false,
        holders: [],
        pendingOutputs: new Map(),
      }
      const key = `${seed.chain}|${seed.address}`
      const list = state.addressSeeds.get(key)
      if (list === undefined) state.addressSeeds.set(key, [entry])
      else list.push(entry)
      const byChain = pending.get(seed.chain)
      if (byChain === undefined) pending.set(seed.chain, { list: [entry], next: 0 })
      else byChain.list.push(entry)
    } else if (seed.kind === 'output' && isOutputShare(seed)) {
      checkOutputShare(seed)
      const key = `${seed.chain}|${seed.txHash}`
      shares.set(key, [...(shares.get(key) ?? []), seed])
    } else {
      const key = `${seed.chain}|${seed.txHash}`
      const part = seed.kind === 'output' ? seed.outputIndex : seed.position
      const selection = state.txSeeds.get(key)
      if (part === undefined || selection === null) state.txSeeds.set(key, null)
      else if (selection === undefined) state.txSeeds.set(key, new Set([String(part)]))
      else selection.add(String(part))
    }
  }
  for (const byChain of pending.values()) byChain.list.sort((a, b) => a.block - b.block)
  for (const { chain, asset, address, balance } of parameters.initialBalances ?? []) {
    if (balance < 0n) invalid('An initial balance must not be negative.', { chain, address })
    setBalance(state, getHolder(state, chain, asset, address).id, balance)
  }
  let waiting = pending.size
  let applied = 0
  // Account events of one (chain, block, tx index), applied together: a swap or deposit comes
  // after the legs it annotates.
  const group: AccountEvent[] = []
  const groupSeeded: boolean[] = []
  // Other transfers apply at once (the hot path); null: not known up front, all wait.
  const annotated = annotatedTransactions(parameters.events)
  const flush = () => {
    if (group.length === 0) return
    applyAccountGroup(state, group, groupSeeded)
    group.length = 0
    groupSeeded.length = 0
  }
  for (const ev of parameters.events) {
    const height = ev.blockHeight
    if (height > toBlock) continue
    const head = group[0]
    if (
      head !== undefined &&
      (ev.kind === 'utxo-tx' ||
        ev.chain !== head.chain ||
        height !== head.blockHeight ||
        ev.txIndex !== head.txIndex)
    ) {
      flush()
    }
    if (waiting > 0) {
      const byChain = pending.get(ev.chain)
      if (byChain !== undefined && byChain.next < byChain.list.length) {
        for (let seed = byChain.list[byChain.next]; seed !== undefined && seed.block <= height; ) {
          activate(state, seed)
          byChain.next++
          seed = byChain.list[byChain.next]
        }
        if (byChain.next === byChain.list.length) waiting--
      }
    }
    let selection: Set<string> | null | undefined
    if (state.txSeeds.size > 0 && height >= fromBlock) {
      selection = state.txSeeds.get(`${ev.chain}|${ev.txHash}`)
    }
    if (ev.kind === 'utxo-tx') {
      applyUtxoTx(state, ev, selection)
      const share =
        shares.size > 0 && height >= fromBlock ? shares.get(`${ev.chain}|${ev.txHash}`) : undefined
      if (share !== undefined) seedOutputShares(state, ev, share)
    } else {
      const seeded =
        ev.kind === 'transfer' &&
        selection !== undefined &&
        (selection === null || selection.has(ev.position))
      if (
        ev.kind === 'transfer' &&
        group.length === 0 &&
        annotated !== null &&
        (annotated.size === 0 || !annotated.has(`${ev.chain}|${ev.txHash}`))
      ) {
        applyTransfer(state, ev, seeded)
      } else {
        group.push(ev)
        groupSeeded.push(seeded)
      }
    }
    applied++
  }
  flush()
  // Seeds whose block is past the last event: the balance at that block is the final one.
  for (const byChain of pending.values()) {
    for (; byChain.next < byChain.list.length; byChain.next++) {
      const seed = byChain.list[byChain.next]
      if (seed !== undefined) activate(state, seed)
    }
  }
  return buildResult(state, applied)
}

/** Taints everything the seed address holds now; from now on it taints all it receives. */
function activate(state: TraceState, seed: AddressSeedState): void {
  seed.active = true
  const utxo = chains[seed.chain].model === 'utxo'
  for (const holder of seed.holders) {
    if (!utxo) activateHolder(state, holder)
    holder.seed = true
    holder.hop = 0
  }
  for (const [key, { value, holder }] of seed.pendingOutputs) {
    const existing = state.outputs.get(key)
    const extra = value - (existing?.tainted ?? 0n)
    state.outputs.set(key, {
      holder,
      value,
      tainted: value,
      hop: 0,
      ranges: state.policy === 'fifo' ? [0n, value] : null,
    })
    holder.tainted += extra
    holder.seeded += extra
    holder.hop = 0
    state.totals.seeded += extra
  }
  seed.pendingOutputs.clear()
}

function activateHolder(state: TraceState, holder: Holder): void {
  if (holder.seed) return
  const balance = balanceOf(state, holder.id)
  const extra = balance - holder.tainted
  holder.seeded += extra
  state.totals.seeded += extra
  holder.tainted = balance
  if (state.policy === 'poison') holder.poisoned = true
  if (state.policy === 'fifo') holder.lots = balance > 0n ? newLots(balance, true) : null
}

function invalid(message: string, meta: Record<string, unknown>): never {
  throw new ChainwatchError('input.invalid', message, { meta })
}
