import { join } from 'node:path'
import { openLineWriter } from './openLineWriter.js'
import type { SimBtcInput, SimBtcOutput, TruthStep } from './SimTypes.js'
import type { SimBtcBlock } from './simulateBitcoin.js'
import type { ChainWritten } from './writeEthereumChain.js'

const SUBSIDY = 312_500_000n

/** The bitcoin-etl files, in the order `sim generate` lists them. */
export const bitcoinFiles = ['blocks.json', 'transactions.json'] as const

/**
 * Writes blocks as a bitcoin-etl JSON-lines export (blocks.json, transactions.json with nested
 * inputs and outputs) into `dir` — coinbase first, then the laundering plan, then benign traffic —
 * and returns the truth steps: each laundered output.
 */
export function writeBitcoinChain(blocks: Iterable<SimBtcBlock>, dir: string): ChainWritten {
  const blocksFile = openLineWriter(join(dir, 'blocks.json'))
  const txFile = openLineWriter(join(dir, 'transactions.json'))
  const steps: TruthStep[] = []
  let transfers = 0
  let count = 0
  for (const block of blocks) {
    count++
    const { number, time, hash, rng } = block
    const at = `"block_number":${number},"block_hash":"${hash}","block_timestamp":${time}`
    // The coinbase comes first and claims the block's fees, so they are summed before writing.
    let fees = 0n
    for (const tx of block.txs) {
      for (const input of tx.inputs) fees += input.value
      for (const output of tx.outputs) fees -= output.value
    }
    const reward = SUBSIDY + fees
    txFile.line(
      `{"type":"transaction","hash":"${rng.hex(32)}","size":200,"version":2,"lock_time":0,${at},"is_coinbase":true,"index":0,"inputs":[],"outputs":[${outputJson({ address: block.miner, value: reward }, 0)}],"input_count":0,"output_count":1,"input_value":0,"output_value":${reward},"fee":0}`,
    )
    transfers++
    block.txs.forEach((tx, i) => {
      let inputValue = 0n
      let inputs = ''
      tx.inputs.forEach((input, k) => {
        inputValue += input.value
        inputs += k === 0 ? inputJson(input, k) : `,${inputJson(input, k)}`
      })
      let outputValue = 0n
      let outputs = ''
      tx.outputs.forEach((output, k) => {
        outputValue += output.value
        outputs += k === 0 ? outputJson(output, k) : `,${outputJson(output, k)}`
      })
      txFile.line(
        `{"type":"transaction","hash":"${tx.hash}","size":${100 + 150 * tx.inputs.length},"version":2,"lock_time":0,${at},"is_coinbase":false,"index":${i + 1},"inputs":[${inputs}],"outputs":[${outputs}],"input_count":${tx.inputs.length},"output_count":${tx.outputs.length},"input_value":${inputValue},"output_value":${outputValue},"fee":${inputValue - outputValue}}`,
      )
      tx.outputs.forEach((output, o) => {
        if (output.address === null) return
        transfers++
        if (tx.technique === undefined) {
          block.background.spendable({
            txHash: tx.hash,
            index: o,
            address: output.address,
            value: output.value,
          })
        } else if (tx.launderedOutputs === undefined || tx.launderedOutputs.includes(o)) {
          steps.push({
            chain: 'bitcoin',
            technique: tx.technique,
            txHash: tx.hash,
            position: null,
            outputIndex: o,
            from: tx.inputs[0]?.address ?? null,
            to: output.address,
            asset: 'native',
            amount: output.value.toString(),
            block: number,
            time,
          })
        }
      })
    })
    blocksFile.line(
      `{"type":"block","hash":"${hash}","size":1000000,"number":${number},"version":536870912,"merkle_root":"${rng.hex(32)}","timestamp":${time},"nonce":"${rng.hex(4)}","bits":"17027726","transaction_count":${block.txs.length + 1}}`,
    )
  }
  blocksFile.close()
  txFile.close()
  return { steps, blocks: count, transfers, rows: blocksFile.lines() + txFile.lines() }
}

function inputJson(input: SimBtcInput, index: number): string {
  return `{"index":${index},"spent_transaction_hash":"${input.txHash}","spent_output_index":${input.index},"script_asm":"","script_hex":"","sequence":4294967293,"required_signatures":null,"type":"witness_v0_keyhash","addresses":["${input.address}"],"value":${input.value}}`
}

function outputJson(output: SimBtcOutput, index: number): string {
  if (output.address === null) {
    const payload = Buffer.from(output.opReturn ?? '', 'utf8')
    const script = `6a${payload.length.toString(16).padStart(2, '0')}${payload.toString('hex')}`
    return `{"index":${index},"script_asm":"OP_RETURN ${payload.toString('hex')}","script_hex":"${script}","required_signatures":null,"type":"nulldata","addresses":[],"value":${output.value}}`
  }
  return `{"index":${index},"script_asm":"","script_hex":"","required_signatures":1,"type":"witness_v0_keyhash","addresses":["${output.address}"],"value":${output.value}}`
}
