import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bech32 } from '@scure/base'
import { bitcoinAddressOf, type ScriptedDeposit } from './anvilHeist.js'

/**
 * The Bitcoin side of the heist as a bitcoin-etl export (JSON lines, the format `chainwatch
 * import` reads): the THORChain vault pays each deposit's memo address in its own outbound
 * transaction (with the `OUT:<deposit hash>` OP_RETURN THORChain writes), then the thief
 * consolidates the five outputs into one payment to the exchange.
 */

/** 5,000,000 sat per ETH deposited: the swap rate of the scripted outbounds. */
export const SAT_PER_ETH = 5_000_000n
export const VAULT_FEE = 2_000n
export const CONSOLIDATION_FEE = 10_000n
const VAULT_FUNDING = 625_000_000n
const vaultBtc = bitcoinAddressOf('thorchain-vault')
const miner = bitcoinAddressOf('miner')

export type BitcoinLeg = {
  readonly files: readonly string[]
  /** Per deposit, in order: the outbound transaction and the value it paid the memo address. */
  readonly outbounds: readonly { readonly txHash: string; readonly value: bigint }[]
  readonly consolidationTx: string
  /** What the exchange received. */
  readonly exchangeValue: bigint
  readonly firstBlock: number
}

type Output = { readonly address: string | null; readonly value: bigint; readonly data?: string }
type Input = {
  readonly txHash: string
  readonly index: number
  readonly address: string
  readonly value: bigint
}
type Tx = {
  readonly hash: string
  readonly inputs: readonly Input[]
  readonly outputs: readonly Output[]
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** Writes the export into `directory`; blocks start 10 minutes after the last deposit. */
export function writeBitcoinLeg(
  directory: string,
  deposits: readonly ScriptedDeposit[],
  exchange: string,
): BitcoinLeg {
  const lastDeposit = Math.max(...deposits.map((d) => d.blockTime))
  const height = 850_000
  const funding: Tx = {
    hash: sha('vault funding'),
    inputs: [],
    outputs: [{ address: vaultBtc, value: VAULT_FUNDING }],
  }
  let vaultCoin: Input = { txHash: funding.hash, index: 0, address: vaultBtc, value: VAULT_FUNDING }
  const outbounds: Tx[] = []
  for (const deposit of deposits) {
    const value = (deposit.amount * SAT_PER_ETH) / 10n ** 18n
    const change = vaultCoin.value - value - VAULT_FEE
    const memo = `OUT:${deposit.txHash.slice(2).toUpperCase()}`
    const tx: Tx = {
      hash: sha(`outbound ${deposit.txHash}`),
      inputs: [vaultCoin],
      outputs: [
        { address: deposit.memoAddress, value },
        { address: vaultBtc, value: change },
        { address: null, value: 0n, data: Buffer.from(memo, 'utf8').toString('hex') },
      ],
    }
    outbounds.push(tx)
    vaultCoin = { txHash: tx.hash, index: 1, address: vaultBtc, value: change }
  }
  const coins: Input[] = outbounds.map((tx, i) => ({
    txHash: tx.hash,
    index: 0,
    address: deposits[i]?.memoAddress ?? '',
    value: tx.outputs[0]?.value ?? 0n,
  }))
  const total = coins.reduce((sum, c) => sum + c.value, 0n)
  const consolidation: Tx = {
    hash: sha('consolidation'),
    inputs: coins,
    outputs: [{ address: exchange, value: total - CONSOLIDATION_FEE }],
  }
  const blocks = [
    { height, time: lastDeposit - 3600, txs: [funding] },
    { height: height + 1, time: lastDeposit + 600, txs: outbounds },
    { height: height + 2, time: lastDeposit + 1200, txs: [consolidation] },
  ]

  const blockLines: string[] = []
  const txLines: string[] = []
  for (const block of blocks) {
    const blockHash = sha(`block ${block.height}`)
    const coinbase: Tx = {
      hash: sha(`coinbase ${block.height}`),
      inputs: [],
      outputs: [{ address: miner, value: 312_500_000n }],
    }
    // The vault funding is itself a coinbase-like transaction with no inputs: mark it so.
    const txs = block.txs[0] === funding ? block.txs : [coinbase, ...block.txs]
    blockLines.push(
      JSON.stringify({
        type: 'block',
        hash: blockHash,
        number: block.height,
        timestamp: block.time,
        merkle_root: sha(`merkle ${block.height}`),
        bits: '17034219',
        transaction_count: txs.length,
      }),
    )
    txs.forEach((tx, index) => {
      txLines.push(
        transactionLine(tx, { blockHash, height: block.height, time: block.time, index }),
      )
    })
  }
  const files = [join(directory, 'btc_blocks.json'), join(directory, 'btc_transactions.json')]
  writeFileSync(files[0] as string, `${blockLines.join('\n')}\n`)
  writeFileSync(files[1] as string, `${txLines.join('\n')}\n`)
  return {
    files,
    outbounds: outbounds.map((tx) => ({ txHash: tx.hash, value: tx.outputs[0]?.value ?? 0n })),
    consolidationTx: consolidation.hash,
    exchangeValue: total - CONSOLIDATION_FEE,
    firstBlock: height,
  }
}

function transactionLine(
  tx: Tx,
  at: { blockHash: string; height: number; time: number; index: number },
): string {
  const inputValue = tx.inputs.reduce((sum, i) => sum + i.value, 0n)
  const outputValue = tx.outputs.reduce((sum, o) => sum + o.value, 0n)
  const coinbase = tx.inputs.length === 0
  return JSON.stringify({
    type: 'transaction',
    hash: tx.hash,
    block_number: at.height,
    block_hash: at.blockHash,
    block_timestamp: at.time,
    is_coinbase: coinbase,
    index: at.index,
    input_count: tx.inputs.length,
    output_count: tx.outputs.length,
    input_value: Number(inputValue),
    output_value: Number(outputValue),
    fee: coinbase ? 0 : Number(inputValue - outputValue),
    inputs: tx.inputs.map((input, index) => ({
      index,
      spent_transaction_hash: input.txHash,
      spent_output_index: input.index,
      type: 'witness_v0_keyhash',
      addresses: [input.address],
      value: Number(input.value),
    })),
    outputs: tx.outputs.map((output, index) =>
      output.address === null
        ? {
            index,
            type: 'nulldata',
            addresses: [],
            value: 0,
            script_hex: nullDataScript(output.data ?? ''),
          }
        : {
            index,
            type: 'witness_v0_keyhash',
            addresses: [output.address],
            value: Number(output.value),
            script_hex: `0014${witnessProgram(output.address)}`,
          },
    ),
  })
}

/** OP_RETURN pushing `hex` (direct push up to 75 bytes, else OP_PUSHDATA1). */
function nullDataScript(hex: string): string {
  const length = hex.length / 2
  const push =
    length <= 75
      ? length.toString(16).padStart(2, '0')
      : `4c${length.toString(16).padStart(2, '0')}`
  return `6a${push}${hex}`
}

function witnessProgram(address: string): string {
  const { words } = bech32.decode(address as `${string}1${string}`)
  return Buffer.from(bech32.fromWords(words.slice(1))).toString('hex')
}
