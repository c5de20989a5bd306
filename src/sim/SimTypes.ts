/** The laundering technique a truth step records. */
export type Technique =
  | 'theft'
  | 'consolidation'
  | 'fan-out'
  | 'swap'
  | 'bridge-deposit'
  | 'bridge-payout'
  | 'utxo-fan-out'
  | 'peel'
  | 'exchange-deposit'
  | 'otc-deposit'
  /** Fixed-denomination mixer deposit (tx.value into the pool). */
  | 'mixer-deposit'
  /** Mixer withdrawal by a relayer: the pool pays the recipient and the relayer's fee. */
  | 'mixer-withdrawal'
  /** A victim's ERC-20 approval of a drainer (no value moves, so never a truth step). */
  | 'approval'
  /** A wallet drainer taking a victim's ETH (claim) or approved tokens (sweep). */
  | 'drain'

/** One entry of an EVM transaction's log list: an ERC-20 Transfer, or another event. */
export type SimLog =
  | {
      readonly kind: 'transfer'
      readonly token: string
      readonly from: string
      readonly to: string
      readonly value: bigint
    }
  | {
      readonly kind: 'event'
      readonly address: string
      readonly topics: readonly string[]
      readonly data: string
    }

/**
 * The contract call an EVM transaction makes, so live mode (`sim live`) can replay it on a node
 * with real contracts; file mode writes the resulting `logs` and `internal` calls directly.
 * `tx.from` is the caller and `tx.value` the ETH sent with the call.
 */
export type SimCall =
  /** A plain ETH payment from `tx.from` to `tx.to`. */
  | { readonly kind: 'native' }
  /** ERC-20 `token.transfer(to, value)`. */
  | {
      readonly kind: 'token-transfer'
      readonly token: string
      readonly to: string
      readonly value: bigint
    }
  /** ERC-20 `token.approve(spender, value)`: an Approval log, no value moves. */
  | {
      readonly kind: 'token-approve'
      readonly token: string
      readonly spender: string
      readonly value: bigint
    }
  /** Uniswap-V2-router `swapExactTokensForETH` through one pool (see buildSwapTx). */
  | {
      readonly kind: 'swap-tokens-for-eth'
      readonly router: string
      readonly pool: string
      readonly token: string
      readonly weth: string
      readonly amountIn: bigint
      readonly amountOut: bigint
    }
  /** THORChain-router `deposit(vault, 0x0, amount, memo)` of native ETH (see buildBridgeDepositTx). */
  | {
      readonly kind: 'bridge-deposit'
      readonly router: string
      readonly vault: string
      readonly amount: bigint
      readonly memo: string
    }
  /** Fixed-denomination mixer `deposit(commitment)` with `tx.value` = the denomination. */
  | { readonly kind: 'mixer-deposit'; readonly mixer: string; readonly commitment: string }
  /** Mixer `withdraw(recipient, nullifierHash, relayer, fee)` sent by the relayer (`tx.from`). */
  | {
      readonly kind: 'mixer-withdraw'
      readonly mixer: string
      readonly recipient: string
      readonly nullifierHash: string
      readonly relayer: string
      readonly fee: bigint
      readonly denomination: bigint
    }
  /** Wallet-drainer `claim()`: the victim's ETH is forwarded to the drainer's beneficiary. */
  | { readonly kind: 'drainer-claim'; readonly drainer: string; readonly beneficiary: string }
  /** Wallet-drainer `sweep(token, victim, amount)` by its operator: `transferFrom` an approved victim. */
  | {
      readonly kind: 'drainer-sweep'
      readonly drainer: string
      readonly token: string
      readonly victim: string
      readonly beneficiary: string
      readonly amount: bigint
    }

/** A planned EVM transaction; block, index and log indices are given when it is written. */
export type SimEthTx = {
  readonly time: number
  readonly hash: string
  readonly from: string
  readonly to: string
  readonly value: bigint
  readonly call: SimCall
  readonly logs: readonly SimLog[]
  /** Value-moving calls inside the transaction, trace addresses [0], [1], … */
  readonly internal: readonly {
    readonly from: string
    readonly to: string
    readonly value: bigint
  }[]
  /** Set on laundering transactions: every transfer of it becomes a truth step. */
  readonly technique?: Technique
}

export type SimBtcInput = {
  readonly txHash: string
  readonly index: number
  readonly address: string
  readonly value: bigint
}

export type SimBtcOutput = {
  readonly address: string | null
  readonly value: bigint
  /** OP_RETURN payload text (nulldata output) */
  readonly opReturn?: string
}

/** A planned Bitcoin transaction (not a coinbase). */
export type SimBtcTx = {
  readonly time: number
  readonly hash: string
  readonly inputs: readonly SimBtcInput[]
  readonly outputs: readonly SimBtcOutput[]
  readonly technique?: Technique
  /** Laundering outputs that are truth steps (all when absent). */
  readonly launderedOutputs?: readonly number[]
}

/** One laundering transfer (EVM) or output (Bitcoin), as it is in the store. */
export type TruthStep = {
  readonly chain: 'ethereum' | 'bitcoin'
  readonly technique: Technique
  readonly txHash: string
  /** EVM transfer position ('a', 'b00000', 'c000003'); null on Bitcoin. */
  readonly position: string | null
  /** Bitcoin output index; null on EVM chains. */
  readonly outputIndex: number | null
  readonly from: string | null
  readonly to: string
  readonly asset: string
  readonly amount: string
  readonly block: number
  readonly time: number
}

/** Where stolen value ends, and whose it is. */
export type TruthEndpoint = {
  readonly chain: 'ethereum' | 'bitcoin'
  readonly address: string
  readonly asset: string
  readonly amount: string
  readonly organisation: string
  readonly kind: 'exchange' | 'otc' | 'bridge'
}

export type Organisation = {
  readonly name: string
  readonly kind: 'exchange' | 'otc' | 'bridge' | 'dex' | 'victim'
}
