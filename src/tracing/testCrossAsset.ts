import type {
  BridgeDepositEvent,
  ForwardEvent,
  SwapEvent,
  TracePolicy,
  TraceSeed,
  TransferEvent,
} from './TraceEvent.js'
import type { TraceResult, TraceTotals } from './TraceResult.js'
import { traceForward } from './traceForward.js'
import { emptyTotals } from './traceState.js'

// Hand-made events for the swap and bridge tests (docs/tracing.md, "Across assets and chains").

export const A = '0xaaaa' // token A (the stolen one)
export const B = '0xbbbb'
export const C = '0xcccc'

export function move(
  block: number,
  txHash: string,
  position: string,
  asset: string,
  from: string | null,
  to: string | null,
  amount: bigint,
): TransferEvent {
  return {
    kind: 'transfer',
    chain: 'ethereum',
    txHash,
    blockHeight: block,
    txIndex: 0,
    position,
    asset,
    from,
    to,
    amount,
  }
}

export function swap(
  block: number,
  txHash: string,
  position: string,
  pool: string,
  recipient: string,
  [tokenIn, amountIn]: [string, bigint],
  [tokenOut, amountOut]: [string, bigint],
): SwapEvent {
  return {
    kind: 'swap',
    chain: 'ethereum',
    txHash,
    blockHeight: block,
    txIndex: 0,
    position,
    protocol: 'uniswap-v2',
    pool,
    recipient,
    tokenIn,
    amountIn,
    tokenOut,
    amountOut,
  }
}

export function deposit(
  block: number,
  txHash: string,
  position: string,
  asset: string,
  amount: bigint,
  memo: string,
): BridgeDepositEvent {
  return {
    kind: 'bridge-deposit',
    chain: 'ethereum',
    txHash,
    blockHeight: block,
    txIndex: 0,
    position,
    router: 'R',
    vault: 'V',
    depositor: 'U',
    asset,
    amount,
    memo,
    blockTime: 1_700_000_000 + block * 12,
  }
}

/** U holds 400 A, 100 of it stolen (the seed `theft`). */
export const before: readonly ForwardEvent[] = [
  move(1, 'theft', 'c000000', A, 'X', 'U', 100n),
  move(2, 'clean', 'c000000', A, 'C', 'U', 300n),
]
export const theft: readonly TraceSeed[] = [
  { kind: 'transfer', chain: 'ethereum', txHash: 'theft' },
]

export function run(
  events: readonly ForwardEvent[],
  policy: TracePolicy,
  seeds = theft,
): TraceResult {
  return traceForward({ events: [...before, ...events], seeds, policy })
}

export function held(result: TraceResult): Record<string, bigint> {
  return Object.fromEntries(
    result.holdings
      .filter((h) => h.held > 0n)
      .map((h) => [`${h.address} ${h.asset === 'native' ? 'ETH' : h.asset}`, h.held]),
  )
}

export function totals(partial: Partial<TraceTotals>): TraceTotals {
  return { ...emptyTotals(), ...partial }
}
