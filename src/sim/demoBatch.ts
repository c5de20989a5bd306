import { createHash } from 'node:crypto'
import {
  type BlockRecord,
  type ChainBatch,
  encodeBitcoinAddress,
  type InputRecord,
  NATIVE_ASSET,
  type OutputRecord,
  type TransactionRecord,
  type TransferRecord,
  transferPosition,
} from '../chain/index.js'
import type { ListEntry } from '../screening/index.js'

const ETHER = 10n ** 18n
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
/** 2025-02-21T14:13:35Z, the hour of the Bybit theft the demo is shaped after. */
const START = 1_740_147_215

const digest = (label: string) =>
  createHash('sha256').update(`chainwatch-demo:${label}`).digest('hex')
const evmAddress = (label: string) => `0x${digest(label).slice(0, 40)}`
const txHash = (label: string) => `0x${digest(`tx:${label}`)}`

/**
 * A small, deterministic heist-and-laundering flow for `npm start` on an empty store: an
 * exchange cold wallet drained to one address, split across 40 addresses, partly swapped to
 * USDT and consolidated, and a Bitcoin leg paid out to three addresses. Synthetic addresses
 * (derived from labels), so it never names a real party. The scenario simulator replaces it.
 */
export function demoBatch(): ChainBatch {
  const blocks: BlockRecord[] = []
  const transactions: TransactionRecord[] = []
  const transfers: TransferRecord[] = []
  const victim = evmAddress('exchange-cold-wallet')
  const thief = evmAddress('theft-address')
  const consolidation = evmAddress('consolidation')

  const block = (height: number): string => {
    const hash = `0x${digest(`block:${height}`)}`
    blocks.push({
      chain: 'ethereum',
      height,
      hash,
      parentHash: `0x${digest(`block:${height - 1}`)}`,
      time: START + (height - 21_895_000) * 12,
      txCount: null,
    })
    return hash
  }
  const send = (
    height: number,
    index: number,
    label: string,
    from: string,
    to: string,
    value: bigint,
  ) => {
    const hash = txHash(label)
    transactions.push({
      chain: 'ethereum',
      hash,
      blockHeight: height,
      blockHash: `0x${digest(`block:${height}`)}`,
      index,
      from,
      to,
      value,
      fee: 21_000n * 2_000_000_000n,
      success: true,
    })
    if (value > 0n) {
      transfers.push({
        chain: 'ethereum',
        txHash: hash,
        kind: 'native',
        position: transferPosition.native(),
        asset: NATIVE_ASSET,
        from,
        to,
        amount: value,
        blockHeight: height,
        txIndex: index,
      })
    }
    return hash
  }

  block(21_895_000)
  send(21_895_000, 0, 'theft', victim, thief, 401_346n * ETHER)
  block(21_895_010)
  for (let i = 0; i < 40; i++) {
    send(21_895_010, i, `split-${i}`, thief, evmAddress(`split-${i}`), 10_000n * ETHER)
  }
  block(21_895_100)
  for (let i = 0; i < 10; i++) {
    const hash = send(21_895_100, i, `swap-${i}`, evmAddress(`split-${i}`), USDT, 0n)
    transfers.push({
      chain: 'ethereum',
      txHash: hash,
      kind: 'token',
      position: transferPosition.token(i),
      asset: USDT,
      from: evmAddress(`split-${i}`),
      to: consolidation,
      amount: 27_000_000n * 1_000_000n,
      blockHeight: 21_895_100,
      txIndex: i,
    })
  }
  const btc = bitcoinLeg()
  return {
    blocks: [...blocks, btc.block],
    transactions: [...transactions, btc.transaction],
    transfers,
    outputs: btc.outputs,
    inputs: btc.inputs,
  }
}

/** The Bitcoin side: one bridge payout transaction to three P2WPKH addresses. */
function bitcoinLeg() {
  const height = 884_200
  const hash = digest('btc-payout')
  const outputs: OutputRecord[] = [0, 1, 2].map((index) => ({
    chain: 'bitcoin',
    txHash: hash,
    index,
    address: encodeBitcoinAddress({
      network: 'mainnet',
      type: 'segwit',
      witnessVersion: 0,
      program: Buffer.from(digest(`btc-out-${index}`).slice(0, 40), 'hex'),
    }),
    value: 125_000_000n * BigInt(index + 1),
    scriptType: 'p2wpkh',
    blockHeight: height,
    txIndex: 1,
  }))
  const inputs: InputRecord[] = [
    {
      chain: 'bitcoin',
      txHash: hash,
      index: 0,
      spentTxHash: digest('btc-bridge-deposit'),
      spentOutputIndex: 0,
      address: null,
      value: null,
      blockHeight: height,
      txIndex: 1,
    },
  ]
  const block: BlockRecord = {
    chain: 'bitcoin',
    height,
    hash: digest(`btc-block:${height}`),
    parentHash: digest(`btc-block:${height - 1}`),
    time: START + 3_600,
    txCount: null,
  }
  const transaction: TransactionRecord = {
    chain: 'bitcoin',
    hash,
    blockHeight: height,
    blockHash: block.hash,
    index: 1,
    from: null,
    to: null,
    value: outputs.reduce((sum, output) => sum + output.value, 0n),
    fee: null,
    success: true,
  }
  return { block, transaction, outputs, inputs }
}

/**
 * The demo's own list: the theft address as stolen funds and the exchange wallet as an exchange,
 * so `screen` on any of the 40 split addresses finds the theft one hop upstream.
 */
export function demoDesignations(): readonly ListEntry[] {
  const entry = (label: string, category: ListEntry['category'], text: string): ListEntry => ({
    chain: 'ethereum',
    address: evmAddress(label),
    asset: null,
    category,
    entity: text,
    entityId: null,
    programmes: [],
    confidence: 100,
    label: 'synthetic demo data',
  })
  return [
    entry('theft-address', 'stolen-funds', 'Demo heist: theft address'),
    entry('exchange-cold-wallet', 'exchange', 'Demo exchange: cold wallet'),
  ]
}
