import {
  type BlockRecord,
  type BridgeDepositRecord,
  type ChainId,
  chains,
  NATIVE_ASSET,
  type SwapRecord,
  type TransactionRecord,
  type TransferRecord,
  transferPosition,
} from '../../chain/index.js'
import { ChainwatchError } from '../../errors/index.js'
import { decodeEvmLog } from './decodeEvmLog.js'
import type { BlockInternalMoves } from './internalTransfers.js'
import { type LoggedSwap, type LoggedTransfer, resolveSwaps, swapRecord } from './resolveSwaps.js'
import type { RpcBlock, RpcReceipt, RpcTransaction } from './rpcSchemas.js'
import { wrapRecords } from './wrapRecords.js'

/** What the node told us about one block. */
export type FetchedBlock = {
  readonly block: RpcBlock
  /** In transaction order. */
  readonly receipts: readonly RpcReceipt[]
  /** null when the node offers no trace method: internal transfers are then unknown. */
  readonly internal: BlockInternalMoves | null
}

/** One block's records, and figures for the summary. */
export type EvmBlockRecords = {
  readonly block: BlockRecord
  readonly transactions: readonly TransactionRecord[]
  readonly transfers: readonly TransferRecord[]
  readonly swaps: readonly SwapRecord[]
  readonly bridgeDeposits: readonly BridgeDepositRecord[]
  readonly counts: EvmBlockCounts
}

export type EvmBlockCounts = {
  readonly native: number
  readonly internal: number
  readonly token: number
  /** Swap logs whose tokens could not be told from the transaction's transfers. */
  readonly unresolvedSwaps: number
  /** Trace frames that may have moved value we could not read (old geth SELFDESTRUCT). */
  readonly unreadableTraces: number
}

export type EvmBlockRecordsParameters = {
  readonly chain: ChainId
  /** When given, only Deposit logs of these router contracts are bridge deposits. */
  readonly bridgeRouters?: ReadonlySet<string>
}

const ZERO_HASH = `0x${'0'.repeat(64)}`

/**
 * Turns a fetched block into model records (pure). Per transaction, in the order the tracer
 * walks (`transferPosition`): its own value (when it succeeded), internal value moves from the
 * traces, then ERC-20 transfers, swaps and bridge deposits from its logs. A reverted transaction
 * moved no value and logged nothing; its fee is still paid.
 */
export function evmBlockRecords(
  fetched: FetchedBlock,
  { chain, bridgeRouters }: EvmBlockRecordsParameters,
): EvmBlockRecords {
  const { block, receipts } = fetched
  const height = block.number
  checkReceipts(block, receipts)
  const transactions: TransactionRecord[] = []
  const transfers: TransferRecord[] = []
  const swaps: SwapRecord[] = []
  const bridgeDeposits: BridgeDepositRecord[] = []
  let native = 0
  let token = 0
  let unresolvedSwaps = 0
  const succeeded = new Map<string, RpcTransaction>()

  block.transactions.forEach((tx, index) => {
    const receipt = receipts[index] as RpcReceipt
    const success = receipt.status === undefined || receipt.status === null || receipt.status === 1n
    if (success) succeeded.set(tx.hash, tx)
    transactions.push({
      chain,
      hash: tx.hash,
      blockHeight: height,
      blockHash: block.hash,
      index,
      from: tx.from,
      to: tx.to ?? null,
      value: tx.value,
      fee: feeOf(tx, receipt),
      success,
    })
    if (!success) return
    if (tx.value > 0n) {
      native++
      transfers.push({
        chain,
        txHash: tx.hash,
        kind: 'native',
        position: transferPosition.native(),
        asset: NATIVE_ASSET,
        from: tx.from,
        to: tx.to ?? receipt.contractAddress ?? null,
        amount: tx.value,
        blockHeight: height,
        txIndex: index,
      })
    }
    const at = { chain, txHash: tx.hash, blockHeight: height, txIndex: index }
    const logged: LoggedTransfer[] = []
    const loggedSwaps: LoggedSwap[] = []
    for (const log of receipt.logs) {
      if (log.removed === true) continue
      const decoded = decodeEvmLog(log, chains[chain].wrappedNative)
      if (decoded === null) continue
      const position = transferPosition.token(log.logIndex)
      if (decoded.type === 'transfer') {
        token++
        logged.push({ logIndex: log.logIndex, ...decoded })
        transfers.push({
          ...at,
          kind: 'token',
          position,
          asset: decoded.token,
          from: decoded.from,
          to: decoded.to,
          amount: decoded.value,
        })
      } else if (decoded.type === 'swap') {
        loggedSwaps.push({ logIndex: log.logIndex, ...decoded })
      } else if (decoded.type === 'undecidable-swap') {
        unresolvedSwaps++
      } else if (decoded.type === 'wrap') {
        const wrap = wrapRecords(at, log.logIndex, decoded)
        token++
        transfers.push(wrap.transfer)
        swaps.push(wrap.swap)
      } else if (bridgeRouters === undefined || bridgeRouters.has(decoded.router)) {
        bridgeDeposits.push({
          ...at,
          position,
          router: decoded.router,
          vault: decoded.vault,
          depositor: tx.from,
          asset: decoded.asset ?? NATIVE_ASSET,
          amount: decoded.amount,
          memo: decoded.memo,
        })
      }
    }
    if (loggedSwaps.length > 0) {
      const result = resolveSwaps(logged, loggedSwaps)
      unresolvedSwaps += result.unresolved
      for (const swap of result.swaps) swaps.push(swapRecord(at, swap))
    }
  })

  const internal = internalTransfers(fetched, succeeded, chain)
  return {
    block: {
      chain,
      height,
      hash: block.hash,
      parentHash: block.parentHash === ZERO_HASH ? null : block.parentHash,
      time: block.timestamp,
      txCount: block.transactions.length,
    },
    transactions,
    // Chain order inside each transaction: native, internal, token (positions sort so).
    transfers: [...transfers, ...internal].sort(byChainOrder),
    swaps,
    bridgeDeposits,
    counts: {
      native,
      internal: internal.length,
      token,
      unresolvedSwaps,
      unreadableTraces: fetched.internal?.unreadable ?? 0,
    },
  }
}

function internalTransfers(
  { block, internal }: FetchedBlock,
  succeeded: ReadonlyMap<string, RpcTransaction>,
  chain: ChainId,
): TransferRecord[] {
  if (internal === null) return []
  const indexes = new Map(block.transactions.map((tx, index) => [tx.hash, index]))
  const records: TransferRecord[] = []
  for (const move of internal.moves) {
    const txIndex = indexes.get(move.txHash)
    if (txIndex === undefined) {
      throw malformed(block.number, `a trace names transaction ${move.txHash}, not in the block`)
    }
    // A reverted transaction's traces all fail at the top; some nodes still list the frames.
    if (!succeeded.has(move.txHash)) continue
    records.push({
      chain,
      txHash: move.txHash,
      kind: 'internal',
      position: transferPosition.internal(move.traceAddress),
      asset: NATIVE_ASSET,
      from: move.from,
      to: move.to,
      amount: move.value,
      blockHeight: block.number,
      txIndex,
    })
  }
  return records
}

function byChainOrder(a: TransferRecord, b: TransferRecord): number {
  return (a.txIndex ?? 0) - (b.txIndex ?? 0) || (a.position < b.position ? -1 : 1)
}

/** gas used × effective gas price (else the transaction's gas price), plus any blob fee. */
function feeOf(tx: RpcTransaction, receipt: RpcReceipt): bigint | null {
  const price = receipt.effectiveGasPrice ?? tx.gasPrice
  if (price === undefined || price === null) return null
  const blob =
    receipt.blobGasUsed != null && receipt.blobGasPrice != null
      ? receipt.blobGasUsed * receipt.blobGasPrice
      : 0n
  return receipt.gasUsed * price + blob
}

function checkReceipts(block: RpcBlock, receipts: readonly RpcReceipt[]): void {
  if (receipts.length !== block.transactions.length) {
    throw malformed(
      block.number,
      `${receipts.length} receipts for ${block.transactions.length} transactions`,
    )
  }
  block.transactions.forEach((tx, index) => {
    const receipt = receipts[index]
    if (tx.transactionIndex !== index) {
      throw malformed(block.number, `transaction ${tx.hash} is at index ${tx.transactionIndex}`)
    }
    if (receipt?.transactionHash !== tx.hash) {
      throw malformed(block.number, `receipt ${index} is for ${receipt?.transactionHash}`)
    }
    if (receipt.blockHash !== block.hash) {
      // The node answered from another fork between our calls: a reorganisation under way.
      throw malformed(block.number, `receipt of ${tx.hash} is from block ${receipt.blockHash}`)
    }
  })
}

function malformed(block: number, reason: string): ChainwatchError {
  return new ChainwatchError('rpc.malformed', `The node's answers for block ${block} disagree.`, {
    meta: { block },
    details: reason,
  })
}
