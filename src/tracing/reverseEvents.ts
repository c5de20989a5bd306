import { type ChainId, chains, NATIVE_ASSET } from '../chain/index.js'
import { ChainwatchError } from '../errors/index.js'
import type {
  OutputSeed,
  TraceEvent,
  TransferEvent,
  TransferSeed,
  UtxoInput,
  UtxoOutput,
  UtxoTxEvent,
} from './TraceEvent.js'

/** Everything an address holds at the end (one asset, or all of them). */
export type AddressTarget = {
  readonly kind: 'address'
  readonly chain: ChainId
  readonly address: string
  readonly asset?: string
}

/** What a backward trace explains: an address's holding at the end, a transfer's or an output's value. */
export type BackwardTarget = AddressTarget | TransferSeed | OutputSeed

/** txHash of the synthetic events that put the targets' value in place for the reversed run. */
export const TARGET_TX = '(target)'
/** txHash of the synthetic transfers returning value to an address's unknown history. */
export const HISTORY_TX = '(unknown history)'
type Balance = {
  readonly chain: ChainId
  readonly asset: string
  readonly address: string
  balance: bigint
}

type Outpoint = { readonly txHash: string; readonly index: number }

/** Pseudo-address of `address`'s unknown history (no real address holds a NUL). */
const HISTORY = '\u0000history:'
export const historyOf = (address: string) => `${HISTORY}${address}`
/** The address whose unknown history `address` is, or null for a real address. */
export const historyOwner = (address: string): string | null =>
  address.startsWith(HISTORY) ? address.slice(HISTORY.length) : null
/** Spent-transaction prefix of the clean pseudo-input that stands for a fee going back. */
const FEE = '(fee)'

/** The events of the window and what the reversed run starts from. */
export type BackwardPlan = {
  /** The events inside the window, in chain order. */
  readonly kept: readonly TraceEvent[]
  /** Account model, by index in `kept`: the sender's unknown history drawn by that transfer. */
  readonly raises: ReadonlyMap<number, bigint>
  /** Account model: every (chain, asset, address) balance at the end, floored at 0. */
  readonly balances: Iterable<Balance>
  /**
   * Synthetic events applied first: account address targets' end balances (haircut, fifo) as
   * seeded transfers, and every target output unspent at the end, re-created (UTXO).
   */
  readonly start: readonly TraceEvent[]
  /** Target outputs spent in the window: seeded where the spending transaction goes back. */
  readonly spentTargets: readonly OutputSeed[]
  /** `${chain}|${address}` of the address targets and of the target outputs' owners: never stops. */
  readonly holders: ReadonlySet<string>
}

/**
 * The forward pass (events up to `toBlock`): balances at the end with the unknown-history rule,
 * the unknown history each transfer draws, and the targets' holdings at the end. `mint`: seed
 * account-model address targets with a synthetic transfer of their end balance (haircut, fifo),
 * rather than leaving it in their starting balance for an address seed (poison).
 */
export function planBackward(
  events: Iterable<TraceEvent>,
  targets: readonly BackwardTarget[],
  window: { readonly fromBlock: number; readonly toBlock: number },
  mint: boolean,
): BackwardPlan {
  const addressTargets = new Map<string, AddressTarget[]>()
  const outputTargets = new Map<string, Set<number> | null>()
  for (const target of targets) {
    const model = chains[target.chain]?.model
    if (model === undefined) invalid(`Unknown chain "${target.chain}".`, { ...target })
    if (target.kind === 'address') {
      if (model === 'utxo' && target.asset !== undefined && target.asset !== NATIVE_ASSET) {
        invalid(`UTXO chains have the one asset "${NATIVE_ASSET}".`, { ...target })
      }
      const key = `${target.chain}|${target.address}`
      addressTargets.set(key, [...(addressTargets.get(key) ?? []), target])
    } else if (target.kind === 'transfer') {
      if (model !== 'account') invalid('A transfer target needs an account chain.', { ...target })
    } else {
      if (model !== 'utxo') invalid('An output target needs a UTXO chain.', { ...target })
      const key = `${target.chain}|${target.txHash}`
      const selection = outputTargets.get(key)
      if (target.outputIndex === undefined || selection === null) outputTargets.set(key, null)
      else if (selection === undefined) outputTargets.set(key, new Set([target.outputIndex]))
      else selection.add(target.outputIndex)
    }
  }
  const isTarget = (chain: ChainId, address: string | null, asset: string) =>
    address !== null &&
    (addressTargets.get(`${chain}|${address}`) ?? []).some(
      (t) => t.asset === undefined || t.asset === asset,
    )
  // By `${chain}|${asset}`, then address; the last map used is kept (events come in runs).
  const balances = new Map<string, Map<string, Balance>>()
  let last = { chain: '', asset: '', map: new Map<string, Balance>() }
  const entry = (chain: ChainId, asset: string, address: string) => {
    if (last.chain !== chain || last.asset !== asset) {
      const key = `${chain}|${asset}`
      const map = balances.get(key) ?? new Map<string, Balance>()
      balances.set(key, map)
      last = { chain, asset, map }
    }
    let found = last.map.get(address)
    if (found === undefined) {
      found = { chain, asset, address, balance: 0n }
      last.map.set(address, found)
    }
    return found
  }
  const isOutputTarget = (chain: ChainId, txHash: string, index: number) => {
    const selection = outputTargets.get(`${chain}|${txHash}`)
    return selection === null || selection?.has(index) === true
  }
  const tracksOutputs = addressTargets.size > 0 || outputTargets.size > 0
  const unspent = new Map<
    string,
    { chain: ChainId; address: string | null; value: bigint } & Outpoint
  >()
  const spentTargets: OutputSeed[] = []
  const holders = new Set(addressTargets.keys())
  const kept: TraceEvent[] = []
  const raises = new Map<number, bigint>()
  let first: number | null = null
  for (const ev of events) {
    if (ev.blockHeight > window.toBlock) continue
    const inWindow = ev.blockHeight >= window.fromBlock
    if (inWindow) first ??= ev.blockHeight
    if (ev.kind === 'transfer') {
      let raise = 0n
      if (ev.amount > 0n && ev.from !== null) {
        const sender = entry(ev.chain, ev.asset, ev.from)
        // Unknown history: the excess of an outflow over the known balance was already there.
        if (sender.balance < ev.amount) raise = ev.amount - sender.balance
        sender.balance += raise - ev.amount
      }
      if (ev.amount > 0n && ev.to !== null) entry(ev.chain, ev.asset, ev.to).balance += ev.amount
      if (inWindow) {
        if (raise > 0n) raises.set(kept.length, raise)
        kept.push(ev)
      }
      continue
    }
    checkFee(ev)
    if (tracksOutputs) {
      for (const [n, input] of ev.inputs.entries()) {
        unspent.delete(`${ev.chain}|${input.spentTxHash}|${input.spentOutputIndex}`)
        if (inWindow && isOutputTarget(ev.chain, input.spentTxHash, input.spentOutputIndex)) {
          // Going back, this transaction re-creates the target output as its output n.
          spentTargets.push({ kind: 'output', chain: ev.chain, txHash: ev.txHash, outputIndex: n })
          holders.add(`${ev.chain}|${input.address ?? ''}`)
        }
      }
      for (const output of ev.outputs) {
        if (
          isTarget(ev.chain, output.address, NATIVE_ASSET) ||
          isOutputTarget(ev.chain, ev.txHash, output.index)
        ) {
          unspent.set(`${ev.chain}|${ev.txHash}|${output.index}`, {
            chain: ev.chain,
            address: output.address,
            value: output.value,
            txHash: ev.txHash,
            index: output.index,
          })
        }
      }
    }
    if (inWindow) kept.push(ev)
  }
  const blockHeight = first ?? 0
  const start: TraceEvent[] = []
  if (mint) {
    for (const held of allBalances(balances)) {
      if (held.balance <= 0n || !isTarget(held.chain, held.address, held.asset)) continue
      start.push({
        kind: 'transfer',
        chain: held.chain,
        txHash: TARGET_TX,
        blockHeight,
        txIndex: 0,
        position: 'a',
        asset: held.asset,
        from: null,
        to: held.address,
        amount: held.balance,
      })
      // It arrives by that transfer: the reversed run starts it from 0.
      held.balance = 0n
    }
  }
  // One synthetic transaction per chain re-creates the target outputs unspent at the end.
  const created = new Map<ChainId, UtxoOutput[]>()
  for (const { chain, address, value, txHash, index } of unspent.values()) {
    holders.add(`${chain}|${address ?? ''}`)
    const list = created.get(chain) ?? []
    list.push({ index: list.length, address, value, outpoint: { txHash, index } })
    created.set(chain, list)
  }
  for (const [chain, outputs] of created) {
    start.push({
      kind: 'utxo-tx',
      chain,
      txHash: TARGET_TX,
      blockHeight,
      txIndex: 0,
      inputs: [],
      outputs,
    })
  }
  const ends = { [Symbol.iterator]: () => allBalances(balances) }
  return { kept, raises, balances: ends, start, spentTargets, holders }
}

function* allBalances(balances: Map<string, Map<string, Balance>>): Generator<Balance> {
  for (const map of balances.values()) yield* map.values()
}

/**
 * The reversed run's events: the targets' value first, then each event of the window, newest
 * first, with its direction reversed.
 */
export function* reversedEvents(plan: BackwardPlan): Generator<TraceEvent> {
  yield* plan.start
  const { kept, raises } = plan
  for (let i = kept.length - 1; i >= 0; i--) {
    const ev = kept[i]
    if (ev === undefined) continue
    if (ev.kind === 'transfer') {
      yield { ...ev, from: ev.to, to: ev.from }
      const raise = raises.get(i)
      if (raise !== undefined && ev.from !== null) yield toHistory(ev, ev.from, raise)
      continue
    }
    yield reverseUtxo(ev)
  }
}

/** Going back, the unknown history an outflow drew returns to the sender's history. */
function toHistory(ev: TransferEvent, address: string, amount: bigint): TransferEvent {
  return { ...ev, txHash: HISTORY_TX, from: address, to: historyOf(address), amount }
}

/**
 * A transaction going back spends its outputs and re-creates the outputs its inputs spent
 * (keyed by their own outpoints). Its fee becomes a clean pseudo-input laid last: value that
 * entered the transaction from no output, so it is the tail of the line as the fee was.
 */
function reverseUtxo(ev: UtxoTxEvent): UtxoTxEvent {
  const inputs: UtxoInput[] = ev.outputs.map((output) => ({
    spentTxHash: ev.txHash,
    spentOutputIndex: output.index,
    address: output.address,
    value: output.value,
  }))
  const fee = checkFee(ev)
  if (fee > 0n) {
    inputs.push({
      spentTxHash: `${FEE}${ev.txHash}`,
      spentOutputIndex: 0,
      address: null,
      value: fee,
    })
  }
  const outputs: UtxoOutput[] = ev.inputs.map((input, index) => ({
    index,
    address: input.address,
    value: input.value,
    outpoint: { txHash: input.spentTxHash, index: input.spentOutputIndex },
  }))
  return { ...ev, inputs, outputs }
}

function checkFee(ev: UtxoTxEvent): bigint {
  if (ev.inputs.length === 0) return 0n
  let fee = 0n
  for (const input of ev.inputs) fee += input.value
  for (const output of ev.outputs) fee -= output.value
  if (fee < 0n) {
    throw new ChainwatchError(
      'input.invalid',
      `Transaction ${ev.txHash} has outputs worth more than its inputs.`,
      { meta: { chain: ev.chain, txHash: ev.txHash, blockHeight: ev.blockHeight } },
    )
  }
  return fee
}

function invalid(message: string, meta: Record<string, unknown>): never {
  throw new ChainwatchError('input.invalid', message, { meta })
}
