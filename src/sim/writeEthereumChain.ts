import { join } from 'node:path'
import { transferPosition } from '../chain/index.js'
import type { EthereumBackground } from './createEthereumBackground.js'
import type { Rng } from './createRng.js'
import { dailyRhythm } from './dailyRhythm.js'
import { openLineWriter } from './openLineWriter.js'
import type { SimEthTx, TruthStep } from './SimTypes.js'

export type WriteEthereumChainParameters = {
  readonly dir: string
  readonly rng: Rng
  readonly firstBlock: number
  readonly startTime: number
  readonly endTime: number
  /** The laundering transactions, sorted by time. */
  readonly plan: readonly SimEthTx[]
  readonly background: EthereumBackground
  /** Benign transfers to write over the whole window. */
  readonly backgroundTransfers: number
}

export type ChainWritten = {
  readonly steps: readonly TruthStep[]
  readonly blocks: number
  readonly transfers: number
  readonly rows: number
}

const BLOCK_SECONDS = 12

/**
 * Writes an ethereum-etl JSON-lines export (blocks, transactions, token_transfers, traces, logs)
 * block by block, merging the laundering plan with benign traffic, and returns the truth steps:
 * every transfer of a laundering transaction as the importer will key it.
 */
export async function writeEthereumChain(p: WriteEthereumChainParameters): Promise<ChainWritten> {
  const files = {
    blocks: openLineWriter(join(p.dir, 'blocks.json')),
    transactions: openLineWriter(join(p.dir, 'transactions.json')),
    tokenTransfers: openLineWriter(join(p.dir, 'token_transfers.json')),
    traces: openLineWriter(join(p.dir, 'traces.json')),
    logs: openLineWriter(join(p.dir, 'logs.json')),
  }
  const steps: TruthStep[] = []
  const blocks = Math.ceil((p.endTime - p.startTime) / BLOCK_SECONDS)
  const perBlock = p.backgroundTransfers / blocks
  let owed = 0
  let next = 0
  let parent = `0x${p.rng.hex(32)}`
  let transfers = 0
  for (let b = 0; b < blocks; b++) {
    const number = p.firstBlock + b
    const time = p.startTime + b * BLOCK_SECONDS
    const hash = `0x${p.rng.hex(32)}`
    const txs: SimEthTx[] = []
    while (next < p.plan.length && (p.plan[next]?.time ?? Infinity) < time + BLOCK_SECONDS) {
      const tx = p.plan[next++]
      if (tx !== undefined) txs.push(tx)
    }
    owed += perBlock * dailyRhythm(time)
    while (owed >= 1) {
      const drawn = p.background(time)
      txs.push(drawn.tx)
      owed -= drawn.transfers
    }
    let logIndex = 0
    const at = `"block_number":${number},"block_hash":"${hash}","block_timestamp":${time}`
    txs.forEach((tx, index) => {
      const where = `"transaction_hash":"${tx.hash}","transaction_index":${index},${at}`
      const gas = tx.internal.length > 0 ? 120_000 : tx.logs.length > 0 ? 52_000 : 21_000
      const price = (1 + p.rng.int(3)) * 1_000_000_000
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
      if (tx.value > 0n) step(transferPosition.native(), tx.from, tx.to, 'native', tx.value)
      transfers += tx.value > 0n ? 1 : 0
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
      `{"type":"block","number":${number},"hash":"${hash}","parent_hash":"${parent}","miner":"0x${'0'.repeat(40)}","timestamp":${time},"transaction_count":${txs.length},"gas_limit":36000000}`,
    )
    parent = hash
    for (const file of Object.values(files)) await file.maybeFlush()
  }
  for (const file of Object.values(files)) await file.close()
  const rows = Object.values(files).reduce((sum, file) => sum + file.lines(), 0)
  return { steps, blocks, transfers, rows }
}

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
