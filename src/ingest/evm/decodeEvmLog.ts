import { decodeEventLog, parseAbi, toEventSelector } from 'viem'

/** The events the EVM ingester reads, exactly as the contracts declare them. */
export const evmEventAbi = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Swap(address indexed sender, uint amount0In, uint amount1In, uint amount0Out, uint amount1Out, address indexed to)',
  'event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)',
  'event Deposit(address indexed to, address indexed asset, uint amount, string memo)',
  'event Deposit(address indexed dst, uint wad)',
  'event Withdrawal(address indexed src, uint wad)',
])

const [transferEvent, swapV2Event, swapV3Event, depositEvent, wrapEvent, unwrapEvent] = evmEventAbi

export const TRANSFER_TOPIC = toEventSelector(transferEvent)
export const SWAP_V2_TOPIC = toEventSelector(swapV2Event)
export const SWAP_V3_TOPIC = toEventSelector(swapV3Event)
export const DEPOSIT_TOPIC = toEventSelector(depositEvent)
/** WETH9's `Deposit(dst, wad)` (wrap) and `Withdrawal(src, wad)` (unwrap). */
export const WRAP_TOPIC = toEventSelector(wrapEvent)
export const UNWRAP_TOPIC = toEventSelector(unwrapEvent)

/** The parts of a log that decoding needs (topics and data as 0x-hex, address lowercase). */
export type LogInput = {
  readonly address: string
  readonly topics: readonly `0x${string}`[]
  readonly data: `0x${string}`
}

/** An ERC-20 transfer: `value` of the token at `address` from `from` to `to`. */
export type DecodedTransfer = {
  readonly type: 'transfer'
  readonly token: string
  readonly from: string
  readonly to: string
  readonly value: bigint
}

/**
 * A DEX pool's swap, normalised to "in" and "out": positive amounts entered the pool, the
 * other side left it. `inSide`/`outSide` are token indexes (0 = token0, the lower address).
 */
export type DecodedSwap = {
  readonly type: 'swap'
  readonly protocol: 'uniswap-v2' | 'uniswap-v3'
  readonly pool: string
  readonly sender: string
  readonly recipient: string
  readonly inSide: 0 | 1
  readonly amountIn: bigint
  readonly amountOut: bigint
}

/** A THORChain-router-style deposit; `asset` is null for the chain's native coin. */
export type DecodedDeposit = {
  readonly type: 'deposit'
  readonly router: string
  readonly vault: string
  readonly asset: string | null
  readonly amount: bigint
  readonly memo: string
}

/**
 * A V2 swap whose amounts do not say one token in and the other out (both in, say, as a flash
 * swap repaying in the other token can): kept so the caller can count it as unresolved.
 */
export type UndecidableSwap = { readonly type: 'undecidable-swap'; readonly pool: string }

/** A wrapped-native contract minting (`wrap`) or burning (`unwrap`) `amount` for `account`. */
export type DecodedWrap = {
  readonly type: 'wrap'
  readonly direction: 'wrap' | 'unwrap'
  readonly token: string
  readonly account: string
  readonly amount: bigint
}

export type DecodedEvmLog =
  | DecodedTransfer
  | DecodedSwap
  | DecodedDeposit
  | UndecidableSwap
  | DecodedWrap

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

/**
 * Decodes a log we follow, or returns null. ERC-20 `Transfer` only with exactly 3 topics and 32
 * bytes of data (ERC-721 puts the token id in a 4th topic). WETH9 `Deposit`/`Withdrawal` only
 * from the chain's `wrappedNative` contracts. A log whose topic matches but whose
 * layout does not (a contract reusing the name with other indexing) is not ours: null.
 */
export function decodeEvmLog(
  log: LogInput,
  wrappedNative: readonly string[] = [],
): DecodedEvmLog | null {
  const topic0 = log.topics[0]
  if (topic0 === WRAP_TOPIC || topic0 === UNWRAP_TOPIC) {
    // Only from a known wrapped-native contract: staking vaults and others reuse the signature.
    if (!wrappedNative.includes(log.address) || log.topics.length !== 2 || log.data.length !== 66)
      return null
    const decoded = tryDecode(log)
    if (decoded === null || !('wad' in decoded.args)) return null
    const account = 'dst' in decoded.args ? decoded.args.dst : decoded.args.src
    return {
      type: 'wrap',
      direction: topic0 === WRAP_TOPIC ? 'wrap' : 'unwrap',
      token: log.address,
      account: account.toLowerCase(),
      amount: decoded.args.wad,
    }
  }
  if (topic0 === TRANSFER_TOPIC) {
    if (log.topics.length !== 3 || log.data.length !== 66) return null
    const decoded = tryDecode(log)
    if (decoded?.eventName !== 'Transfer') return null
    const { from, to, value } = decoded.args
    return {
      type: 'transfer',
      token: log.address,
      from: from.toLowerCase(),
      to: to.toLowerCase(),
      value,
    }
  }
  if (topic0 === SWAP_V2_TOPIC) {
    const decoded = tryDecode(log)
    if (decoded?.eventName !== 'Swap' || !('amount0In' in decoded.args)) return null
    const { sender, to, amount0In, amount1In, amount0Out, amount1Out } = decoded.args
    // One token in, the other out; anything else cannot be split into one leg each.
    const inSide =
      amount0In > 0n && amount1In === 0n && amount1Out > 0n && amount0Out === 0n
        ? 0
        : amount1In > 0n && amount0In === 0n && amount0Out > 0n && amount1Out === 0n
          ? 1
          : null
    if (inSide === null) return { type: 'undecidable-swap', pool: log.address }
    return {
      type: 'swap',
      protocol: 'uniswap-v2',
      pool: log.address,
      sender: sender.toLowerCase(),
      recipient: to.toLowerCase(),
      inSide,
      amountIn: inSide === 0 ? amount0In : amount1In,
      amountOut: inSide === 0 ? amount1Out : amount0Out,
    }
  }
  if (topic0 === SWAP_V3_TOPIC) {
    const decoded = tryDecode(log)
    if (decoded?.eventName !== 'Swap' || !('amount0' in decoded.args)) return null
    const { sender, recipient, amount0, amount1 } = decoded.args
    // Pool's view: positive = paid into the pool, negative = paid out of it.
    const inSide = amount0 > 0n && amount1 < 0n ? 0 : amount1 > 0n && amount0 < 0n ? 1 : null
    if (inSide === null) return { type: 'undecidable-swap', pool: log.address }
    return {
      type: 'swap',
      protocol: 'uniswap-v3',
      pool: log.address,
      sender: sender.toLowerCase(),
      recipient: recipient.toLowerCase(),
      inSide,
      amountIn: inSide === 0 ? amount0 : amount1,
      amountOut: inSide === 0 ? -amount1 : -amount0,
    }
  }
  if (topic0 === DEPOSIT_TOPIC) {
    const decoded = tryDecode(log)
    if (decoded?.eventName !== 'Deposit' || !('memo' in decoded.args)) return null
    const { to, asset, amount, memo } = decoded.args
    const token = asset.toLowerCase()
    return {
      type: 'deposit',
      router: log.address,
      vault: to.toLowerCase(),
      asset: token === ZERO_ADDRESS ? null : token,
      amount,
      memo,
    }
  }
  return null
}

function tryDecode(log: LogInput) {
  try {
    return decodeEventLog({
      abi: evmEventAbi,
      data: log.data,
      topics: log.topics as [`0x${string}`, ...`0x${string}`[]],
      strict: true,
    })
  } catch {
    return null
  }
}
