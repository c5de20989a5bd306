import { join } from 'node:path'
import { chains, transferPosition } from '../chain/index.js'
import { UNWRAP_TOPIC } from './buildSwapTx.js'
import { openLineWriter } from './openLineWriter.js'
import type { SimEthTx, TruthStep } from './SimTypes.js'
import type { SimEthBlock } from './simulateEthereum.js'

/** What writing a run of blocks produced. */
export type ChainWritten = {
  readonly steps: readonly TruthStep[]
  readonly blocks: number
  readonly transfers: number
  readonly rows: number
}

/** The ethereum-etl files, in the order `sim generate` lists them. */
export const ethereumFiles = [
  'blocks.json',
  'transactions.json',
  'token_transfers.json',
  'traces.json',
  'logs.json',
] as const

/**
 * Writes blocks as an ethereum-etl JSON-lines export (blocks, transactions, token_transfers,
 * traces, logs) into `dir`, and returns the truth steps: every transfer of a laundering
 * transaction as the importer will key it.
 */
export function writeEthereumChain(blocks: Iterable<SimEthBlock>, dir: string): ChainWritten {
  const files = {
    blocks: openLineWriter(join(dir, 'blocks.json')),
    transactions: openLineWriter(join(dir, 'transactions.json')),
    tokenTransfers: openLineWriter(join(dir, 'token_transfers.json')),
    traces: openLineWriter(join(dir, 'traces.json')),
    logs: openLineWriter(join(dir, 'logs.json')),
  }
  const steps: TruthStep[] = []
  let transfers = 0
  let count = 0
  for (const block of blocks) {
    count++
    const { number, hash, time } = block
    let logIndex = 0
    const at = `"block_number":${number},"block_hash":"${hash}","block_timestamp":${time}`
    block.txs.forEach((tx, index) => {
      const where = `"transaction_hash":"${tx.hash}","transaction_index":${index},${at}`
      const gas = tx.internal.length > 0 ? 120_000 : tx.logs.length > 0 ? 52_000 : 21_000
      const price = gasPrice(tx)
      files.transactions.line(
        `{"type":"transaction","hash":"${tx.hash}","transaction_index":${index},${at},"from_address":"${tx.from}","to_address":"${tx.to}","value":${tx.value},"gas":${gas + 30_000},"gas_price":${price},"input":"0x","receipt_gas_used":${gas},"receipt_effective_gas_price":${price},"receipt_status":1}`,
      )
      const step = (position: string, from: string, to: string, asset: string, amount: bigint) => {
        if (tx.technique === undefined) return
        steps.push({
          chain: 'ethereum',
          technique: tx.technique,
          txHash: tx.hash,
          position,
          outputIndex: null,
          from,
          to,
          asset,
          amount: amount.toString(),
          block: number,
          time,
        })
      }
      if (tx.value > 0n) {
        step(transferPosition.native(), tx.from, tx.to, 'native', tx.value)
        transfers++
      }
      for (const log of tx.logs) {
        const i = logIndex++
        if (log.kind === 'transfer') {
          files.tokenTransfers.line(
            `{"type":"token_transfer","token_address":"${log.token}","from_address":"${log.from}","to_address":"${log.to}","value":${log.value},"log_index":${i},${where}}`,
          )
          files.logs.line(
            `{"type":"log","log_index":${i},${where},"address":"${log.token}","data":"0x${log.value.toString(16).padStart(64, '0')}","topics":["${TRANSFER}","${topic(log.from)}","${topic(log.to)}"]}`,
          )
          step(transferPosition.token(i), log.from, log.to, log.token, log.value)
          transfers++
        } else {
          if (log.topics[0] === UNWRAP_TOPIC && log.address === WETH) {
            // WETH9 burns without a Transfer log; the importer records the burn as a transfer.
            const account = `0x${(log.topics[1] ?? '').slice(26)}`
            step(transferPosition.token(i), account, WETH, WETH, BigInt(log.data))
            transfers++
          }
          files.logs.line(
            `{"type":"log","log_index":${i},${where},"address":"${log.address}","data":"${log.data}","topics":${JSON.stringify(log.topics)}}`,
          )
        }
      }
      if (tx.internal.length > 0) {
        files.traces.line(
          traceRow(where, tx.from, tx.to, tx.value, [], tx.internal.length, tx.hash),
        )
        tx.internal.forEach((call, c) => {
          files.traces.line(traceRow(where, call.from, call.to, call.value, [c], 0, tx.hash))
          step(transferPosition.internal([c]), call.from, call.to, 'native', call.value)
          transfers++
        })
      }
    })
    files.blocks.line(
      `{"type":"block","number":${number},"hash":"${hash}","parent_hash":"${block.parentHash}","miner":"0x${'0'.repeat(40)}","timestamp":${time},"transaction_count":${block.txs.length},"gas_limit":36000000}`,
    )
  }
  for (const file of Object.values(files)) file.close()
  const rows = Object.values(files).reduce((sum, file) => sum + file.lines(), 0)
  return { steps, blocks: count, transfers, rows }
}

/** 1–3 gwei, read off the hash so the price needs no random draw of its own. */
function gasPrice(tx: SimEthTx): number {
  return (1 + (Number.parseInt(tx.hash.slice(-2), 16) % 3)) * 1_000_000_000
}

const WETH = chains.ethereum.wrappedNative[0]
const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

function topic(address: string): string {
  return `0x${address.slice(2).padStart(64, '0')}`
}

function traceRow(
  where: string,
  from: string,
  to: string,
  value: bigint,
  traceAddress: readonly number[],
  subtraces: number,
  hash: string,
): string {
  return `{"type":"trace",${where},"from_address":"${from}","to_address":"${to}","value":${value},"input":"0x","output":"0x","trace_type":"call","call_type":"call","reward_type":null,"subtraces":${subtraces},"trace_address":${JSON.stringify(traceAddress)},"error":null,"status":1,"trace_id":"call_${hash}_${traceAddress.join('_')}"}`
}
