import {
  type ChainId,
  NATIVE_ASSET,
  type SwapRecord,
  type TransferRecord,
  transferPosition,
} from '../../chain/index.js'
import type { DecodedWrap } from './decodeEvmLog.js'

/**
 * A WETH9 wrap or unwrap as the value-flow model sees it. The contract mints or burns without a
 * Transfer log, so the token's own movement is recorded at the event's position — minted from
 * the contract to the account (wrap), or handed back from the account to the contract (unwrap) —
 * and a `weth` swap ties it to the native leg (the account's ETH into the contract, or the
 * contract's ETH out to the account, an internal transfer), so taint follows across the wrap.
 */
export function wrapRecords(
  at: {
    readonly chain: ChainId
    readonly txHash: string
    readonly blockHeight: number
    readonly txIndex: number | null
  },
  logIndex: number,
  wrap: DecodedWrap,
): { readonly transfer: TransferRecord; readonly swap: SwapRecord } {
  const position = transferPosition.token(logIndex)
  const minted = wrap.direction === 'wrap'
  return {
    transfer: {
      ...at,
      kind: 'token',
      position,
      asset: wrap.token,
      from: minted ? wrap.token : wrap.account,
      to: minted ? wrap.account : wrap.token,
      amount: wrap.amount,
    },
    swap: {
      ...at,
      position,
      protocol: 'weth',
      pool: wrap.token,
      sender: wrap.account,
      recipient: wrap.account,
      tokenIn: minted ? NATIVE_ASSET : wrap.token,
      amountIn: wrap.amount,
      tokenOut: minted ? wrap.token : NATIVE_ASSET,
      amountOut: wrap.amount,
    },
  }
}
