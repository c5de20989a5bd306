import { type ChainId, type SwapRecord, transferPosition } from '../../chain/index.js'
import type { DecodedSwap } from './decodeEvmLog.js'

/** An ERC-20 transfer of one transaction, with its log index. */
export type LoggedTransfer = {
  readonly logIndex: number
  readonly token: string
  readonly from: string
  readonly to: string
  readonly value: bigint
}

/** A swap log of the transaction, with its log index. */
export type LoggedSwap = DecodedSwap & { readonly logIndex: number }

/** A swap with both tokens known. */
export type ResolvedSwap = LoggedSwap & { readonly tokenIn: string; readonly tokenOut: string }

/**
 * Finds each swap's tokens from the transaction's own Transfer logs, so no `eth_call` to the pool
 * is needed: the out-leg is a transfer of `amountOut` from the pool to the recipient, the in-leg a
 * transfer of `amountIn` to the pool in another token, both logged before the Swap (V2 pays out
 * then checks; V3 pays out, then takes in through its callback, then logs). The nearest such
 * transfers are taken, each at most once per role, so repeated swaps in one pool pair up in order.
 *
 * The pool's token order checks the match: token0 is the lower address, so a swap whose
 * `inSide` is 0 must have tokenIn < tokenOut. A swap whose legs are not both in the transaction
 * (a V2 swap paid for in an earlier transaction) is returned in `unresolved`.
 */
export function resolveSwaps(
  transfers: readonly LoggedTransfer[],
  swaps: readonly LoggedSwap[],
): { readonly swaps: readonly ResolvedSwap[]; readonly unresolved: number } {
  // A transfer can be one swap's out-leg and the next swap's in-leg (a route), never twice either.
  const usedOut = new Set<number>()
  const usedIn = new Set<number>()
  const resolved: ResolvedSwap[] = []
  let unresolved = 0
  for (const swap of swaps) {
    const before = transfers.filter((t) => t.logIndex < swap.logIndex)
    const out = nearest(
      before,
      (t) =>
        !usedOut.has(t.logIndex) &&
        t.from === swap.pool &&
        t.to === swap.recipient &&
        t.value === swap.amountOut,
    )
    const into =
      out &&
      nearest(
        before,
        (t) =>
          !usedIn.has(t.logIndex) &&
          t.to === swap.pool &&
          t.value === swap.amountIn &&
          t.token !== out.token,
      )
    if (!out || !into || !orderFits(swap.inSide, into.token, out.token)) {
      unresolved++
      continue
    }
    usedOut.add(out.logIndex)
    usedIn.add(into.logIndex)
    resolved.push({ ...swap, tokenIn: into.token, tokenOut: out.token })
  }
  return { swaps: resolved, unresolved }
}

function nearest(
  transfers: readonly LoggedTransfer[],
  match: (transfer: LoggedTransfer) => boolean,
): LoggedTransfer | undefined {
  for (let i = transfers.length - 1; i >= 0; i--) {
    const transfer = transfers[i]
    if (transfer !== undefined && match(transfer)) return transfer
  }
  return undefined
}

/** token0 < token1 (as addresses); `inSide` 0 means token0 went in. */
function orderFits(inSide: 0 | 1, tokenIn: string, tokenOut: string): boolean {
  return inSide === 0 ? tokenIn < tokenOut : tokenOut < tokenIn
}

/** The stored record of a resolved swap of the transaction `at`. */
export function swapRecord(
  at: {
    readonly chain: ChainId
    readonly txHash: string
    readonly blockHeight: number
    readonly txIndex: number | null
  },
  swap: ResolvedSwap,
): SwapRecord {
  return {
    chain: at.chain,
    txHash: at.txHash,
    blockHeight: at.blockHeight,
    txIndex: at.txIndex,
    position: transferPosition.token(swap.logIndex),
    protocol: swap.protocol,
    pool: swap.pool,
    sender: swap.sender,
    recipient: swap.recipient,
    tokenIn: swap.tokenIn,
    amountIn: swap.amountIn,
    tokenOut: swap.tokenOut,
    amountOut: swap.amountOut,
  }
}
